"""The operator's admin site. Staff sign in through Nomentum's own log-in page (so
two-step sign-in applies there too); with ``NOMENTUM_ADMIN_2FA`` only staff whose
session gave a code get in: without two-step sign-in they are sent to set it up, with
it to "Confirm it's you"."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from nomentum.accounts import reauth, twofactor
from nomentum.http import next_url


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)  # set by OTPMiddleware
    return bool(is_verified and is_verified())


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        allowed = super().has_permission(request)
        return allowed and (not settings.ADMIN_2FA or _verified(request))

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        back = next_url(request, reverse("admin:index"))
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(back, reverse("login"))
        if not (user.is_active and user.is_staff):
            messages.info(request, "The admin site is for the operator's accounts only.")
            return redirect("home")
        if settings.ADMIN_2FA and not _verified(request):
            if not twofactor.is_on(user):  # type: ignore[arg-type]
                messages.info(
                    request,
                    "The admin site needs two-step sign-in. Set it up here first; "
                    "it takes a minute.",
                )
                return redirect(f"{reverse('two_step')}?{urlencode({'next': back})}")
            messages.info(request, "The admin site asks for a code from your app.")
            return reauth.confirm_first(request, back)
        return redirect(back)

    def password_change(self, request: HttpRequest, extra_context=None):  # type: ignore[override]
        return redirect("password_change")  # the one that asks to confirm it's you first
