"""The JSON API (django-ninja): /api/, schema at /api/openapi.json, docs at /api/docs.

One router per app (``api/asks.py`` …); every endpoint parses its body with the app's
schema and form, calls the app's use case, and answers with the app's schema — the same
functions and shapes as the web pages and the command line.
"""

import json

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from nomentum.accounts.services import user_for_token
from nomentum.errors import Invalid, Refused
from nomentum.http import client_address
from nomentum.middleware import NUL_REFUSED
from nomentum.schemas import Error


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = user_for_token(token)
        if found is None:
            return None
        request.user, request.api_token = found  # type: ignore[attr-defined]
        timezone.activate(found[0].timezone)  # "today" is the user's today
        return found[0]


class BrowserSession(SessionAuth):
    """The browser's own session, CSRF-checked — only once someone is signed in. A caller
    with no session (or a revoked token) gets a 401 saying so, not a CSRF complaint."""

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class _Limit(SimpleRateThrottle):
    """A rate limit from the settings ("off" for none), kept in Django's cache."""

    setting = ""

    def get_rate(self) -> str | None:
        rate = getattr(settings, self.setting, "off")
        return None if rate in ("", "off") else rate

    def key_for(self, ident: str) -> str:
        return self.cache_format % {"scope": self.setting, "ident": ident}

    def allow_request(self, request: HttpRequest) -> bool:
        return self.rate is None or super().allow_request(request)


class PerToken(_Limit):
    setting = "API_RATE_PER_TOKEN"

    def get_cache_key(self, request: HttpRequest) -> str:
        token = getattr(request, "api_token", None)
        return self.key_for(f"t{token.pk}" if token else f"u{request.user.pk}")


class PerAddress(_Limit):
    setting = "API_RATE_PER_ADDRESS"

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.key_for(client_address(request) or "unknown")


LIMITS: list[BaseThrottle] = [PerToken(), PerAddress()]


class ObjectParser(Parser):
    """A JSON body is one object, without NUL characters: anything else is a 400."""

    def parse_body(self, request: HttpRequest):
        if request.content_type != "application/json":
            raise ValueError("send the body as JSON (Content-Type: application/json)")
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body is not a JSON object")
        if _holds(data, "\x00"):  # PostgreSQL can't store it
            raise HttpError(400, NUL_REFUSED)
        if _holds(data, SURROGATE):  # no database can store half a character
            raise HttpError(400, "Text must be whole Unicode characters (a lone \\ud800 isn't).")
        return data


SURROGATE = "surrogate"


def _holds(value, what: str) -> bool:
    """Whether any text in a JSON value holds a NUL (or, for SURROGATE, half a
    character), looked at without recursion however deep the value is nested."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if what == SURROGATE:
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return True
            elif what in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


api = NinjaAPI(
    title="Nomentum API",
    version="1",
    description="Your asks, outcomes, statistics and coach, for scripts and the remote CLI. "
    "Send a token as `Authorization: Bearer TOKEN` (make one in Settings or with "
    "`nomentum token create`), or use the browser session with its CSRF token.",
    auth=[TokenAuth(), BrowserSession()],
    parser=ObjectParser(),
    throttle=LIMITS,
    urls_namespace="api",
)

# How to write a path parameter that came in the wrong shape, by its name.
PATH_HINTS: dict[str, str] = {}
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error, 429: Error}

# Which form words the errors of a request body, by the name of the endpoint's body
# parameter (``ask: AskIn`` -> AskForm): input of the wrong type gets that form's own
# message for the field ("Fear is a number from 0 (none) to 10 (terrified)."), not
# pydantic's, and never another form's.
BODY_FORMS: dict[str, type[forms.BaseForm]] = {}


def writable(request: HttpRequest) -> None:
    token = getattr(request, "api_token", None)
    if token is not None and token.read_only:
        raise HttpError(403, "This token is read-only.")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """Ninja words any body it cannot read as "Cannot parse request body": say why."""
    cause = exc.__cause__
    if isinstance(cause, HttpError):
        exc, detail = cause, str(cause)
    elif isinstance(cause, ValueError):
        detail = f"{exc}: {cause}"
    else:
        detail = str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    reason = "Send a valid token as `Authorization: Bearer TOKEN`, or sign in."
    return api.create_response(request, {"detail": reason}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(Invalid)
def form_invalid(request, exc: Invalid):
    body = {"detail": str(exc), "errors": exc.errors, **exc.extra}
    return api.create_response(request, body, status=422)


@api.exception_handler(NinjaValidationError)
def schema_invalid(request, exc: NinjaValidationError):
    """Input of the wrong type gets the message this endpoint's form would give."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        where, *place = [str(p) for p in error.get("loc", [])] or [""]
        form = None
        if where == "body" and place:
            form = BODY_FORMS.get(place.pop(0))
        field = place[0] if place else "__all__"
        given = error["input"] if "input" in error else _sent(request, place)
        ours = error.get("ctx", {}).get("error") if error.get("type") == "value_error" else None
        if where == "path" and field in PATH_HINTS:
            ours = PATH_HINTS[field]
        message = _form_message(form, field, given) or ours or error.get("msg", "Invalid input.")
        errors.setdefault(field, []).append(str(message))
    return form_invalid(request, Invalid(errors or {"__all__": ["Invalid input."]}))


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    body = {
        "detail": str(exc),
        "rules": exc.rules,
        "alternative": exc.alternative,
        "can_override": not exc.hard,
    }
    return api.create_response(request, body, status=409)


def _sent(request: HttpRequest, place: list[str]):
    """The value the client sent at this place of a JSON body (None if there is none)."""
    if request.content_type != "application/json":
        return None
    try:
        value = json.loads(request.body or b"null")
    except ValueError:
        return None
    for key in place:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _form_message(form: type[forms.BaseForm] | None, field: str, value) -> str | None:
    form_field = getattr(form, "base_fields", {}).get(field)
    if form_field is None or type(value) not in (str, int):
        return None  # a list, object or true where text belongs: pydantic's words
    try:
        form_field.clean(value)
    except forms.ValidationError as error:
        return str(error.messages[0])
    except (TypeError, ValueError, AttributeError):
        return None
    return None


def _add_routers() -> None:
    from nomentum.api import (
        accounts,
        asks,
        challenges,
        coach,
        groups,
        insights,
        journal,
        portability,
    )

    for module in (asks, challenges, coach, journal, insights, portability, accounts, groups):
        api.add_router("/", module.router)


_add_routers()
