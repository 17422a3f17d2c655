from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.accounts import services
from nomentum.accounts.forms import SettingsForm, SignupForm
from nomentum.http import AuthedRequest


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if not settings.SIGNUP_OPEN:
        return render(request, "registration/signup_closed.html", status=403)
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
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
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("account_settings")
    status = 400 if request.method == "POST" else 200
    tokens = request.user.api_tokens.filter(revoked_at=None)
    context = {"form": form, "tokens": tokens}
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_POST
def tokens(request: AuthedRequest) -> HttpResponse:
    from nomentum.accounts.models import ApiToken

    if request.POST.get("revoke"):
        token = ApiToken.objects.filter(
            user=request.user, code=request.POST["revoke"], revoked_at=None
        ).first()
        if token is None:
            raise Http404("No such token.")
        services.revoke_token(token)
        messages.info(request, "Token revoked; scripts using it stop working now.")
        return redirect("account_settings")
    token, secret = services.create_token(
        request.user,
        read_only=bool(request.POST.get("read_only")),
        name=request.POST.get("name", "")[:60],
    )
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


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "nomentum-asks.csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "nomentum-asks.xlsx",
    ),
    "json": ("application/json", "nomentum-account.json"),
}


@login_required
def download(request: AuthedRequest, fmt: str) -> HttpResponse:
    import json

    from django.http import Http404

    from nomentum.accounts import export

    if fmt not in EXPORTS:
        raise Http404("No such format.")
    if fmt == "csv":
        body = export.asks_csv(request.user)
    elif fmt == "xlsx":
        body = export.asks_xlsx(request.user)
    else:
        body = json.dumps(export.account_json(request.user), ensure_ascii=False, indent=1).encode()
    content_type, name = EXPORTS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
