from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.challenges import services
from nomentum.challenges.access import (
    challenges_for_user,
    get_challenge_for_user,
    get_goal_for_user,
)
from nomentum.challenges.catalog import TEMPLATES
from nomentum.challenges.forms import ChallengeForm, GoalForm, RestForm
from nomentum.challenges.models import Challenge
from nomentum.challenges.progress import progress_for, rest_days
from nomentum.challenges.summary import summarise
from nomentum.errors import Invalid
from nomentum.http import AuthedRequest
from nomentum.insights import charts
from nomentum.insights import pace as pacing
from nomentum.insights.queries import daily_counts


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    challenges = list(challenges_for_user(request.user).prefetch_related("goals"))
    progress = progress_for(request.user, challenges, today)
    context = {
        "current": [p for p in progress if p.status != "finished"],
        "archived": [p for p in progress if p.status == "finished"][::-1],
        "templates": TEMPLATES.values(),
    }
    return render(request, "challenges/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthedRequest, slug: str) -> HttpResponse:
    if slug not in TEMPLATES:
        raise Http404("No such template.")
    if request.method == "POST":
        form = ChallengeForm(request.POST, owner=request.user)
        if form.is_valid():
            challenge = services.start_challenge(request.user, form.cleaned_data)
            messages.success(request, f"“{challenge.name}” has started. Go collect some no's.")
            return redirect("challenges:detail", code=challenge.code)
        status = 400
    else:
        form = ChallengeForm(
            initial=ChallengeForm.initial_for(slug, timezone.localdate()), owner=request.user
        )
        status = 200
    context = {"form": form, "template": TEMPLATES[slug]}
    return render(request, "challenges/start.html", context, status=status)


def _goal_form(request: AuthedRequest, challenge: Challenge, data=None) -> GoalForm:
    return GoalForm.for_user(request.user, challenge, data)


@login_required
def detail(request: AuthedRequest, code) -> HttpResponse:
    challenge = get_challenge_for_user(request.user, code)
    return _render_detail(request, challenge, _goal_form(request, challenge))


def _render_detail(request, challenge: Challenge, goal_form: GoalForm, status: int = 200):
    today = timezone.localdate()
    [progress] = progress_for(request.user, [challenge], today)
    daily = daily_counts(request.user, challenge.ask_filter())
    weeks = pacing.weekly_rows(
        challenge.start,
        challenge.end,
        challenge.target,
        challenge.stage_count,
        daily,
        today,
        rest_days(request.user, [challenge]),
        challenge.restart,
    )
    context = {"p": progress, "weeks": weeks, "goal_form": goal_form}
    return render(request, "challenges/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, code) -> HttpResponse:
    challenge = get_challenge_for_user(request.user, code)
    if request.method == "POST":
        data = request.POST.copy()
        data["template"] = challenge.template
        form = ChallengeForm(data, owner=request.user, instance=challenge)
        if form.is_valid():
            services.update_challenge(challenge, form.cleaned_data)
            messages.success(request, "Saved. The counts follow the new rules.")
            return redirect("challenges:detail", code=challenge.code)
        status = 400
    else:
        initial = {f: getattr(challenge, f) for f in services.CHALLENGE_FIELDS}
        form = ChallengeForm(initial=initial, owner=request.user, instance=challenge)
        status = 200
    context = {"form": form, "challenge": challenge, "template": challenge.blueprint}
    return render(request, "challenges/start.html", context, status=status)


@login_required
def burnup(request: AuthedRequest, code) -> HttpResponse:
    challenge = get_challenge_for_user(request.user, code)
    today = timezone.localdate()
    rest = rest_days(request.user, [challenge])
    line = pacing.target_line(
        challenge.start,
        challenge.end,
        challenge.target,
        challenge.stage_count,
        rest,
        challenge.restart,
    )
    last = min(today, challenge.end)
    daily = daily_counts(request.user, challenge.ask_filter())
    actual = pacing.cumulative(challenge.start, last, daily) if last >= challenge.start else []
    svg = charts.burnup_svg(
        challenge.start,
        actual,
        line,
        label=f"Counted ({challenge.get_counts_display()})",
        dark=request.GET.get("theme") == "dark",
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    # An image, not a page: its own inline styles only, nothing else.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def add_goal(request: AuthedRequest, code) -> HttpResponse:
    challenge = get_challenge_for_user(request.user, code)
    form = _goal_form(request, challenge, request.POST)
    if not form.is_valid():
        return _render_detail(request, challenge, form, status=400)
    goal = services.add_goal(challenge, form.cleaned_data)
    messages.success(request, f"Goal added: {goal.describe()}.")
    return redirect("challenges:detail", code=challenge.code)


@login_required
@require_POST
def remove_goal(request: AuthedRequest, code) -> HttpResponse:
    goal = get_goal_for_user(request.user, code)
    services.remove_goal(goal)
    messages.info(request, "Goal removed.")
    return redirect("challenges:detail", code=goal.challenge.code)


@login_required
def summary(request: AuthedRequest, code) -> HttpResponse:
    challenge = get_challenge_for_user(request.user, code)
    today = timezone.localdate()
    [progress] = progress_for(request.user, [challenge], today)
    from nomentum.journal.services import before_after

    context = {
        "p": progress,
        "s": summarise(request.user, challenge),
        "change": before_after(request.user, challenge.start, min(challenge.end, today)),
    }
    return render(request, "challenges/summary.html", context)


@login_required
@require_POST
def catch_up(request: AuthedRequest, code) -> HttpResponse:
    challenge = get_challenge_for_user(request.user, code)
    how = request.POST.get("how", "")
    try:
        services.catch_up(challenge, how, timezone.localdate())
    except Invalid as error:
        messages.error(request, " ".join(m for ms in error.errors.values() for m in ms))
        return redirect(_back(request, challenge))
    done = {
        "extend": f"now ends {challenge.end:%-d %b %Y}",
        "lower": f"now aims for {challenge.target}",
    }.get(how, "starts its line again from today")
    messages.success(request, f"“{challenge.name}” {done}. A pace you can keep beats a sprint.")
    return redirect(_back(request, challenge))


@login_required
@require_POST
def rest(request: AuthedRequest) -> HttpResponse:
    """Rest today, or from a day for a few days (``date``, ``days``)."""
    form = RestForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect(_back(request))
    new = services.take_rest(request.user, form.cleaned_data)
    text = services.rest_message(new, form.cleaned_data, timezone.localdate())
    messages.success(request, text)
    return redirect(_back(request))


def _back(request: AuthedRequest, challenge: Challenge | None = None) -> str:
    """Where the form was, if it is one of ours; else the challenge or the dashboard."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return challenge_url(challenge) if challenge else "/"


def challenge_url(challenge: Challenge) -> str:
    from django.urls import reverse

    return reverse("challenges:detail", args=[challenge.code])
