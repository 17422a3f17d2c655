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
