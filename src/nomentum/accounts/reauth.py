"""Re-authentication: changes that could hand an account to someone else (a new API
token, another email or password, two-step sign-in off, the account deleted, the full
export) run only if this session proved the password, or a code, in the last ten
minutes. Otherwise the person confirms it's them and comes back to where they were.

    @login_required
    @recent_auth_required
    def download(request, fmt): ...

For a POST, nothing is replayed after confirming: the person lands on ``back`` (the
form's page) and presses the button again."""

import functools
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from nomentum.http import next_url

REAUTH_SECONDS = 10 * 60
AUTH_AT = "nomentum_auth_at"  # session key: when the password or a code was last given


def confirmed(request: HttpRequest) -> None:
    """The person just gave their password or a code (at log-in, or on "Confirm it's you")."""
    request.session[AUTH_AT] = time.time()


def is_recent(request: HttpRequest) -> bool:
    at = request.session.get(AUTH_AT)
    return isinstance(at, int | float) and 0 <= time.time() - at <= REAUTH_SECONDS


def confirm_first(request: HttpRequest, back: str) -> HttpResponse:
    """Off to "Confirm it's you", then back to ``back`` (a path on this site)."""
    target = f"{reverse('confirm_identity')}?{urlencode({'next': back})}"
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(target)
    return redirect(target)


def needed(request: HttpRequest, back: str | None = None) -> HttpResponse | None:
    """None if the session confirmed recently; else the way to confirm and come back:
    to ``back`` (a URL name or path), or this page for a GET, or for a POST the form's
    own safe ``next`` or the page it was sent from."""
    if is_recent(request):
        return None
    if back is not None:
        return confirm_first(request, resolve_url(back))
    if request.method in ("GET", "HEAD"):
        return confirm_first(request, request.get_full_path())
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()):
        referer = ""
    return confirm_first(request, next_url(request, referer or "/"))


def recent_auth_required(view: Callable | None = None, *, back: str | None = None):
    """Run ``view`` only after a recent password or code (see ``needed``). Signed-out
    visitors go to the log-in page first, as with ``login_required``."""

    def decorate(view_func: Callable) -> Callable:
        @functools.wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            detour = needed(request, back)
            if detour is not None:
                return detour
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorate if view is None else decorate(view)
