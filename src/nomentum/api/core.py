"""The JSON API (django-ninja): /api/, schema at /api/openapi.json, docs at /api/docs.

Every endpoint calls the same service functions and access helpers as the web pages,
and validates with the same forms, so the API gives the same answers and messages.
"""

from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from nomentum.accounts.services import user_for_token
from nomentum.asks.services import AskRefused


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = user_for_token(token)
        if found is None:
            return None
        request.user, request.api_token = found  # type: ignore[attr-defined]
        return found[0]


class FormInvalid(Exception):
    def __init__(self, errors: dict):
        self.errors = errors
        field, messages = next(iter(errors.items()))
        super().__init__(f"{field}: {messages[0]}" if field != "__all__" else messages[0])


api = NinjaAPI(
    title="Nomentum API",
    version="1",
    description="Your asks, outcomes, statistics and coach, for scripts and the remote CLI. "
    "Send a token as `Authorization: Bearer TOKEN` (make one in Settings or with "
    "`nomentum token create`), or use the browser session with its CSRF token.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


def writable(request: HttpRequest) -> None:
    token = getattr(request, "api_token", None)
    if token is not None and token.read_only:
        raise HttpError(403, "This token is read-only.")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(FormInvalid)
def form_invalid(request, exc: FormInvalid):
    errors = {field: [str(m) for m in messages] for field, messages in exc.errors.items()}
    return api.create_response(request, {"detail": str(exc), "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def schema_invalid(request, exc: NinjaValidationError):
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", [])[1:]) or "body"
    detail = f"{where}: {first.get('msg', 'invalid input')}"
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(AskRefused)
def refused(request, exc: AskRefused):
    verdict = exc.verdict
    return api.create_response(
        request,
        {
            "detail": verdict.message(),
            "rules": verdict.rules,
            "alternative": verdict.alternative,
            "can_override": not verdict.hard,
        },
        status=409,
    )


from nomentum.api import routes  # noqa: E402,F401  (registers the endpoints)
