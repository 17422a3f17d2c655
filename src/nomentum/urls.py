from django.contrib import admin
from django.contrib.auth import views as auth_views
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
    path("followups/", include("nomentum.asks.followup_urls")),
    path("contacts/", include("nomentum.asks.contact_urls")),
    path("accounts/calendar/", account_views.calendar_feed, name="calendar_feed"),
    path("", include("nomentum.portability.urls")),
    path("accounts/tokens/", account_views.tokens, name="tokens"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/settings/", account_views.account_settings, name="account_settings"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
