"""Request types for views behind @login_required, so the type checker knows
``request.user`` is one of our users and ``request.htmx`` exists."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from nomentum.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
    htmx: HtmxDetails


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


def next_url(request: HttpRequest, default: str, field: str = "next") -> str:
    """Where to go after a form: the page's own ``next`` if it stays on this site."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get(field) or request.GET.get(field) or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def client_address(request: HttpRequest) -> str:
    """The address of whoever sent the request. Behind ``PROXY_COUNT`` proxies it is the
    entry the outermost of them added to X-Forwarded-For (anything left of it was written
    by the client and proves nothing); with no proxy, the connection's own address."""
    from django.conf import settings

    direct = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if proxies <= 0 or not forwarded:
        return direct
    return forwarded[-min(proxies, len(forwarded))]
