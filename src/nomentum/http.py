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
