from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.accounts import services
from nomentum.accounts.access import get_token_for_user, tokens_for_user
from nomentum.accounts.forms import SettingsForm, SignupForm, TokenForm
from nomentum.http import AuthedRequest


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SIGNUP_OPEN:
        return render(request, "registration/signup_closed.html", status=403)
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_account(
            data["username"], data["email"], data["timezone"], data["password1"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Nomentum. Your first ask can be a small one.")
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: AuthedRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_settings(request.user, form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    status = 400 if request.method == "POST" else 200
    tokens = tokens_for_user(request.user)
    context = {"form": form, "tokens": tokens}
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_POST
def tokens(request: AuthedRequest) -> HttpResponse:
    if request.POST.get("revoke"):
        services.revoke_token(get_token_for_user(request.user, request.POST["revoke"]))
        messages.info(request, "Token revoked; scripts using it stop working now.")
        return redirect("account_settings")
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Token not made: {form.errors['name'][0]}")
        return redirect("account_settings")
    token, secret = services.create_token(request.user, **form.cleaned_data)
    return render(request, "accounts/token_created.html", {"token": token, "secret": secret})


@login_required
@require_POST
def calendar_feed(request: AuthedRequest) -> HttpResponse:
    if request.POST.get("action") == "off":
        services.set_calendar_token(request.user, enabled=False)
        messages.info(request, "The calendar link is turned off; the old address stops working.")
    else:
        services.set_calendar_token(request.user, enabled=True)
        messages.success(request, "New private calendar link made; any old one stops working.")
    return redirect("account_settings")
