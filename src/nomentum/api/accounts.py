"""API tokens: parse, call ``accounts.services``, answer with ``accounts.schemas``."""

from ninja import Router
from ninja.errors import HttpError
from ninja.responses import Status

from nomentum.accounts import reauth, services
from nomentum.accounts.access import find_token_for_user, tokens_for_user
from nomentum.accounts.forms import TokenForm
from nomentum.accounts.schemas import Revoked, TokenIn, TokenInfo, TokenOut
from nomentum.api.core import BODY_FORMS, ERRORS, writable
from nomentum.errors import valid
from nomentum.forms import form_data
from nomentum.http import AuthedRequest

router = Router(tags=["tokens"])
BODY_FORMS.update(token=TokenForm)


@router.get("/tokens", response={200: list[TokenInfo], **ERRORS})
def list_tokens(request: AuthedRequest):
    """Your active tokens (never their secrets)."""
    return Status(200, list(tokens_for_user(request.user)))


@router.post("/tokens", response={201: TokenOut, **ERRORS})
def create_token(request: AuthedRequest, token: TokenIn):
    """A new token; its secret is in this answer only. From a browser session, only
    within ten minutes of confirming your password (a token is a key to everything)."""
    writable(request)
    if getattr(request, "api_token", None) is None and not reauth.is_recent(request):
        raise HttpError(403, "Confirm it's you first (Settings asks for your password).")
    data = valid(TokenForm(form_data(token.dict())))
    return Status(201, TokenOut.of(*services.create_token(request.user, **data)))


@router.delete("/tokens/{token_id}", response={200: Revoked, **ERRORS})
def revoke_token(request: AuthedRequest, token_id: str):
    """Revoke a token by its id (or the id's first 4+ characters)."""
    writable(request)
    token = find_token_for_user(request.user, token_id)
    services.revoke_token(token)
    return Status(200, Revoked(id=str(token.code), revoked=True))
