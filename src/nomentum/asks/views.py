from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.asks import services
from nomentum.asks.access import asks_for_user, get_ask_for_user
from nomentum.asks.celebrations import Celebration, Toast
from nomentum.asks.forms import SORTS, AskForm, LogFilterForm, OutcomeForm
from nomentum.asks.models import Outcome
from nomentum.http import AuthedRequest, next_url

PAGE_SIZE = 50
LOGGED = Toast("Logged. Asking was the brave part.")
MINER_PROMPT = "Every no has something in it: the objection, who else to ask, a better time."
LOGGED_SELF = Toast("Noted. It's on your list — go make it when you're ready.")


def _celebrate(request: HttpRequest, celebration: Celebration | None) -> None:
    if celebration is not None:
        messages.success(request, celebration.message, extra_tags=celebration.tags)


def _htmx_toasts(
    request: HttpRequest,
    template: str,
    context: dict,
    toasts: Sequence[Toast | Celebration],
    status: int = 200,
) -> HttpResponse:
    """A fragment plus fresh toasts; other parts of the page refresh on "ask-changed"."""
    response = render(request, template, {**context, "toasts": toasts, "oob": True}, status=status)
    if status == 200:
        response["HX-Trigger"] = "ask-changed"
    return response


def _filtered(request: AuthedRequest, form: LogFilterForm):
    asks = asks_for_user(request.user)
    if not form.is_valid():
        return asks.filter(self_rejection=False), ("-date", "-id")
    data = form.cleaned_data
    kind = data["kind"]
    if kind == "self":
        asks = asks.filter(self_rejection=True)
    elif kind != "all":
        asks = asks.filter(self_rejection=False)
    for field in ("outcome", "tier", "category", "method"):
        if data[field]:
            asks = asks.filter(**{field: data[field]})
    if data["since"]:
        asks = asks.filter(date__gte=data["since"])
    if data["until"]:
        asks = asks.filter(date__lte=data["until"])
    if data["q"]:
        q = data["q"]
        asks = asks.filter(
            Q(request__icontains=q) | Q(person__name__icontains=q) | Q(company__name__icontains=q)
        )
    sort = data["sort"] or "-date"
    descending = sort.startswith("-")
    columns = SORTS[sort.lstrip("-")]
    order = tuple(f"-{c}" if descending else c for c in columns)
    if "id" not in columns:
        order = (*order, "-id")
    return asks, order


@login_required
def log(request: AuthedRequest) -> HttpResponse:
    form = LogFilterForm(request.GET)
    asks, order = _filtered(request, form)
    page = Paginator(asks.order_by(*order), PAGE_SIZE).get_page(request.GET.get("page"))
    current_sort = (form.cleaned_data.get("sort") if form.is_valid() else "") or "-date"
    context = {
        "filter_form": form,
        "page": page,
        "current_sort": current_sort,
        "querystring": _without(request, "page", "sort"),
    }
    template = "asks/_log_table.html" if request.htmx else "asks/log.html"
    return render(request, template, context)


def _without(request: HttpRequest, *keys: str) -> str:
    params = request.GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = AskForm(request.POST)
        saved = None
        if form.is_valid():
            try:
                saved = services.log_ask(request.user, form.cleaned_data)
            except services.AskRefused as refusal:
                form.refuse(refusal.verdict)
        if saved is not None:
            toasts: list[Toast | Celebration] = [
                LOGGED_SELF if saved.ask.self_rejection else LOGGED
            ]
            if saved.celebration:
                toasts.append(saved.celebration)
            if request.htmx:  # the form clears itself (app.js); only the toasts change
                return _htmx_toasts(request, "_toasts_oob.html", {}, toasts)
            for toast in toasts:
                messages.success(request, toast.message, extra_tags=toast.tags)
            return redirect(next_url(request, reverse("asks:log")))
        if request.htmx:
            # 422 is the one error status htmx is configured to swap in (see base.html).
            response = render(request, "asks/_quicklog.html", {"form": form}, status=422)
            response["HX-Reswap"] = "outerHTML"
            return response
        return render(
            request, "asks/form.html", _form_context(request, form, creating=True), status=400
        )
    # Ideas from the coach arrive as ?request=…&tier=…&category=…
    form = AskForm(initial={k: request.GET.get(k, "") for k in ("request", "tier", "category")})
    return render(request, "asks/form.html", _form_context(request, form, creating=True))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    ask = get_ask_for_user(request.user, code)
    if request.method == "POST":
        form = AskForm(request.POST, instance=ask)
        saved = None
        if form.is_valid():
            try:
                saved = services.update_ask(ask, form.cleaned_data)
            except services.AskRefused as refusal:
                form.refuse(refusal.verdict)
                ask.refresh_from_db()
        if saved is not None:
            messages.success(request, "Saved.")
            _celebrate(request, saved.celebration)
            return redirect(next_url(request, reverse("asks:log")))
        return render(request, "asks/form.html", _form_context(request, form, ask=ask), status=400)
    return render(request, "asks/form.html", _form_context(request, AskForm(instance=ask), ask=ask))


def _form_context(request: AuthedRequest, form: AskForm, **more) -> dict:
    """The full log form, with the user's pitches in use to pick from."""
    from nomentum.asks.access import pitches_for_user

    pitches = pitches_for_user(request.user).filter(retired=False).values_list("name", flat=True)
    return {"form": form, "pitches": list(pitches), **more}


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthedRequest, code) -> HttpResponse:
    ask = get_ask_for_user(request.user, code)
    if request.method == "POST":
        services.delete_ask(ask)
        messages.info(request, "Deleted.")
        return redirect(next_url(request, reverse("asks:log")))
    return render(request, "asks/confirm_delete.html", {"ask": ask})


@login_required
@require_POST
def outcome(request: AuthedRequest, code) -> HttpResponse:
    ask = get_ask_for_user(request.user, code)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        reason = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(reason, status=400, content_type="text/plain; charset=utf-8")
    saved = services.record_answer(ask, form.cleaned_data)
    if request.htmx:
        toasts: list[Toast | Celebration] = [saved.celebration] if saved.celebration else []
        if saved.ask.outcome == Outcome.NO:
            link = reverse("asks:edit", args=[saved.ask.code])
            toasts.append(Toast(MINER_PROMPT, link=link, link_text="Note what you learned →"))
        return _htmx_toasts(request, "asks/_row.html", {"ask": saved.ask}, toasts)
    _celebrate(request, saved.celebration)
    return redirect(next_url(request, reverse("asks:log")))


@login_required
@require_http_methods(["GET", "POST"])
def waiting(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        count = services.mark_stale_as_no_response(request.user)
        messages.info(request, f"Marked {count} ask{'s' if count != 1 else ''} as no response.")
        return redirect("asks:waiting")
    asks = (
        asks_for_user(request.user)
        .filter(outcome=Outcome.PENDING, self_rejection=False)
        .order_by("date", "id")
    )
    page = Paginator(asks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "stale": services.stale_pending(request.user).count(),
    }
    return render(request, "asks/waiting.html", context)


@login_required
@require_POST
def made_it(request: AuthedRequest, code) -> HttpResponse:
    ask = get_ask_for_user(request.user, code)
    services.ask_after_all(ask)
    messages.success(request, "You went and asked after all. That's the whole practice.")
    return redirect(next_url(request, reverse("asks:log")))
