import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from nomentum.accounts import reauth, services, sessions, twofactor
from nomentum.accounts.access import get_session_for_user, get_token_for_user, tokens_for_user
from nomentum.accounts.forms import (
    CodeForm,
    DeleteAccountForm,
    EnrolForm,
    PasswordForm,
    SettingsForm,
    SignupForm,
    TokenForm,
)
from nomentum.accounts.models import User
from nomentum.accounts.reauth import recent_auth_required
from nomentum.http import AuthedRequest, next_url


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


EMAIL_WAITING = "nomentum_new_email"  # a new email kept while its owner confirms it's them


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: AuthedRequest) -> HttpResponse:
    user = request.user
    email = user.email
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["email"] != email and not reauth.is_recent(request):
            # Keep the rest; the new email waits (in the session only) until they confirm.
            user.email = email
            services.update_settings(user, {k: v for k, v in data.items() if k != "email"})
            request.session[EMAIL_WAITING] = data["email"]
            messages.info(
                request,
                "Your other settings are saved. To change your email, confirm it's you first.",
            )
            return reauth.confirm_first(request, reverse("account_settings"))
        services.update_settings(user, data)
        request.session.pop(EMAIL_WAITING, None)
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    waiting = request.session.pop(EMAIL_WAITING, None) if request.method == "GET" else None
    if waiting and reauth.is_recent(request):  # back from confirming: fill it in again
        form = SettingsForm(instance=user, initial={"email": waiting})
        messages.info(request, "Thanks. Your new email is filled in below: press Save to keep it.")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "tokens": tokens_for_user(user),
        "two_factor": twofactor.is_on(user),
        "sessions": services.signed_in_sessions(user),
        "this_session": sessions.current_code(request),
    }
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_POST
def tokens(request: AuthedRequest) -> HttpResponse:
    if request.POST.get("revoke"):
        services.revoke_token(get_token_for_user(request.user, request.POST["revoke"]))
        messages.info(request, "Token revoked; scripts using it stop working now.")
        return redirect("account_settings")
    detour = reauth.needed(request, back="account_settings")
    if detour is not None:
        messages.info(request, "Confirm it's you, then make the token again.")
        return detour
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


PENDING = "nomentum_code_step"  # who gave the right password and still owes a code
CODE_STEP_SECONDS = 10 * 60


class LoginView(auth_views.LoginView):
    """The password. Someone with two-step sign-in is signed in only after the code
    step; until then the session holds just who they are and where they were going."""

    redirect_authenticated_user = True

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if not twofactor.is_on(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login_code")


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    pending: dict = request.session.get(PENDING) or {}
    fresh = time.time() - pending.get("at", 0) < CODE_STEP_SECONDS
    user = User.objects.filter(pk=pending.get("user", 0), is_active=True).first() if fresh else None
    if user is None:
        request.session.pop(PENDING, None)
        messages.info(request, "Please log in again: the code step waits 10 minutes at most.")
        return redirect("login")
    form = CodeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        del request.session[PENDING]
        login(request, user, backend=pending["backend"])
        otp_login(request, form.device)
        _recovery_code_note(request, user, form.device)
        return redirect(pending["next"])
    status = 400 if request.method == "POST" else 200
    return render(request, "registration/login_code.html", {"form": form}, status=status)


def _recovery_code_note(request: HttpRequest, user: User, device) -> None:
    if isinstance(device, StaticDevice):
        left = twofactor.recovery_codes_left(user)
        messages.warning(
            request,
            f"You used a recovery code; {left} left. If your phone is lost, set up "
            "two-step sign-in again in Settings."
            if left
            else "That was your last recovery code. Make new ones in Settings → Two-step sign-in.",
        )


@login_required
@require_http_methods(["GET", "POST"])
def confirm_identity(request: AuthedRequest) -> HttpResponse:
    """The "Confirm it's you" page: the password, or with two-step sign-in a code."""
    user = request.user
    back = next_url(request, reverse("account_settings"))
    with_code = twofactor.is_on(user)
    data = request.POST if request.method == "POST" else None
    form = CodeForm(user, data) if with_code else PasswordForm(user, request, data)
    if request.method == "POST" and form.is_valid():
        reauth.confirmed(request)
        if isinstance(form, CodeForm):
            otp_login(request, form.device)
            _recovery_code_note(request, user, form.device)
        return redirect(back)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": back, "with_code": with_code}
    return render(request, "accounts/confirm.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def two_step(request: AuthedRequest) -> HttpResponse:
    """Two-step sign-in: its state, or setting it up (a QR code, then a first code)."""
    user = request.user
    back = next_url(request, "")
    if twofactor.is_on(user):
        context = {"left": twofactor.recovery_codes_left(user), "next": back}
        return render(request, "accounts/two_step.html", context)
    # Someone else at an unlocked browser must not lock the owner out with their app.
    here = reverse("two_step") + (f"?{urlencode({'next': back}, safe='/')}" if back else "")
    detour = reauth.needed(request, here)
    if detour is not None:
        return detour
    # Made on first view and kept until confirmed, so a reload shows the same key.
    pending = services.start_two_factor(user)
    form = EnrolForm(user, pending, request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.turn_on_two_factor(user, pending)
        otp_login(request, pending)
        reauth.confirmed(request)
        context = {"codes": codes, "first": True, "next": back}
        return render(request, "accounts/recovery_codes.html", context)
    context = {
        "form": form,
        "qr": twofactor.qr_svg(pending),
        "key": twofactor.key_text(pending),
        "app_link": pending.config_url,
        "next": back,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/two_step_setup.html", context, status=status)


@require_POST
@recent_auth_required(back="two_step")
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    if not twofactor.is_on(request.user):
        return redirect("two_step")
    codes = services.new_recovery_codes(request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "first": False})


@require_POST
@recent_auth_required(back="two_step")
def two_step_off(request: AuthedRequest) -> HttpResponse:
    services.turn_off_two_factor(request.user)
    messages.info(
        request,
        "Two-step sign-in is off: your password alone signs you in now. "
        "You can turn it back on at any time.",
    )
    return redirect("account_settings")


@login_required
@require_POST
def sign_out_sessions(request: AuthedRequest) -> HttpResponse:
    """The "Sign out everywhere else" button: every browser but this one."""
    count = services.sign_out_other_sessions(request.user, keep=sessions.current_code(request))
    if count:
        messages.success(
            request, f"Signed out {count} other browser{'s' if count != 1 else ''}. This one stays."
        )
    else:
        messages.info(request, "You weren't signed in anywhere else.")
    return redirect("account_settings")


@login_required
@require_POST
def sign_out_session(request: AuthedRequest, code: str) -> HttpResponse:
    found = get_session_for_user(request.user, code)
    if str(found.code) == sessions.current_code(request):
        logout(request)
        return redirect("login")
    services.sign_out_session(found)
    messages.success(request, f"Signed out {found.user_agent or 'that browser'}.")
    return redirect("account_settings")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, after which every other browser is signed out (the
    new password is the point of changing it)."""

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        user: User = form.user
        services.sign_out_other_sessions(user, keep=sessions.current_code(self.request))
        reauth.confirmed(self.request)
        return response


password_change = recent_auth_required(PasswordChangeView.as_view())


@recent_auth_required
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(user, request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        logout(request)
        services.delete_account(user)
        messages.info(
            request, "Your account and everything in it are deleted. Thank you for every ask."
        )
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)
