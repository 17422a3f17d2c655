from django.contrib import admin
from django.urls import include, path

from nomentum import views
from nomentum.accounts import views as account_views
from nomentum.api.core import api

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("asks/", include("nomentum.asks.urls")),
    path("challenges/", include("nomentum.challenges.urls")),
    path("groups/", include("nomentum.groups.urls")),
    path("coach/", include("nomentum.coach.urls")),
    path("journal/", include("nomentum.journal.urls")),
    path("insights/", include("nomentum.insights.urls")),
    path("followups/", include("nomentum.asks.followup_urls")),
    path("contacts/", include("nomentum.asks.contact_urls")),
    path("pitches/", include("nomentum.asks.pitch_urls")),
    path("accounts/calendar/", account_views.calendar_feed, name="calendar_feed"),
    path("", include("nomentum.portability.urls")),
    path("accounts/tokens/", account_views.tokens, name="tokens"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/settings/", account_views.account_settings, name="account_settings"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/login/code/", account_views.login_code, name="login_code"),
    path("accounts/confirm/", account_views.confirm_identity, name="confirm_identity"),
    path("accounts/two-step/", account_views.two_step, name="two_step"),
    path("accounts/two-step/off/", account_views.two_step_off, name="two_step_off"),
    path(
        "accounts/two-step/recovery-codes/",
        account_views.recovery_codes,
        name="recovery_codes",
    ),
    path("accounts/sessions/", account_views.sign_out_sessions, name="sign_out_sessions"),
    path(
        "accounts/sessions/<str:code>/sign-out/",
        account_views.sign_out_session,
        name="sign_out_session",
    ),
    path("accounts/delete/", account_views.delete_account, name="delete_account"),
    # Before Django's own auth URLs: changing the password asks to confirm it's you.
    path("accounts/password_change/", account_views.password_change, name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
handler404 = "nomentum.views.not_found"
