from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "nomentum.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Django's own sign-in events, the one exception to "no signals": every door
        # that signs someone in (log-in, its code step, sign-up, a test's force_login)
        # goes through auth.login(), and every sign-out through auth.logout().
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from nomentum.accounts import sessions

        user_logged_in.connect(sessions.signed_in, dispatch_uid="nomentum_signed_in")
        user_logged_out.connect(sessions.signed_out, dispatch_uid="nomentum_signed_out")


class AdminConfig(admin_apps.AdminConfig):
    """The admin, on a site that signs in through Nomentum's own log-in (with its code
    step) and, if the operator asks, only lets in staff who gave a code."""

    default = False  # named in INSTALLED_APPS; "nomentum.accounts" stays AccountsConfig
    default_site = "nomentum.accounts.admin_site.AdminSite"
