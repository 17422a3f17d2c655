from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nomentum.coach import ai, services
from nomentum.coach.access import (
    current_plan,
    get_idea_for_user,
    get_item_for_user,
    get_plan_for_user,
    ideas_for_user,
)
from nomentum.coach.forms import IdeaForm, QuestionnaireForm
from nomentum.coach.models import AREA_CATEGORY, Area, IdeaMark
from nomentum.coach.planner import Candidate
from nomentum.http import AuthedRequest, next_url


def prefill_url(candidate) -> str:
    """The log form, filled in with an idea."""
    query = {
        "request": candidate.text,
        "tier": candidate.tier,
        "category": AREA_CATEGORY[Area(candidate.area)],
    }
    return reverse("asks:create") + "?" + urlencode(query)


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    plan = current_plan(request.user)
    if plan is None:
        return redirect("coach:questionnaire")
    today = timezone.localdate()
    items = list(plan.items.all())
    weeks = []
    for n, target in enumerate(plan.weekly_targets, 1):
        first = plan.start + timedelta(days=7 * (n - 1))
        week_items = [i for i in items if i.week == n]
        weeks.append(
            {
                "week": n,
                "target": target,
                "items": week_items,
                "first": first,
                "own": target - len(week_items),
                "current": first <= today < first + timedelta(days=7),
            }
        )
    context = {"plan": plan, "weeks": weeks, "ai_on": ai.configured()}
    return render(request, "coach/plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request: AuthedRequest) -> HttpResponse:
    previous = current_plan(request.user)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            plan = services.create_plan(request.user, form.cleaned_data, timezone.localdate())
            if plan.note:
                messages.info(request, plan.note)
            else:
                messages.success(request, "Your plan is ready. Week 1 starts gently.")
            return redirect("coach:index")
        status = 400
    else:
        initial = {}
        if previous is not None:
            initial = {
                f: getattr(previous, f)
                for f in ("areas", "fears", "fear_text", "comfort", "weeks", "target")
            }
        form = QuestionnaireForm(initial=initial)
        status = 200
    return render(request, "coach/questionnaire.html", {"form": form}, status=status)


@login_required
@require_POST
def regenerate(request: AuthedRequest, code) -> HttpResponse:
    plan = get_plan_for_user(request.user, code)
    services.regenerate_plan(plan)
    messages.success(request, "Fresh ideas, same answers.")
    return redirect("coach:index")


@login_required
@require_POST
def plan_challenge(request: AuthedRequest, code) -> HttpResponse:
    plan = get_plan_for_user(request.user, code)
    challenge = services.challenge_from_plan(plan)
    messages.success(request, f"Started “{challenge.name}”: {challenge.target} asks.")
    return redirect("challenges:detail", code=challenge.code)


@login_required
@require_POST
def tick(request: AuthedRequest, code) -> HttpResponse:
    item = get_item_for_user(request.user, code)
    done = request.POST.get("done", "1") == "1"
    services.set_item_done(item, done, timezone.localdate())
    if done:
        # Ticking means "I'm doing this one": straight to the log, filled in.
        return redirect(prefill_url(item))
    return redirect("coach:index")


@login_required
@require_POST
def swap(request: AuthedRequest, code) -> HttpResponse:
    item = get_item_for_user(request.user, code)
    if services.swap_item(item) is None:
        messages.info(request, "No other idea of that kind left in your areas.")
    return redirect("coach:index")


@login_required
@require_POST
def remove(request: AuthedRequest, code) -> HttpResponse:
    item = get_item_for_user(request.user, code)
    services.remove_item(item)
    return redirect("coach:index")


@login_required
@require_http_methods(["GET", "POST"])
def ideas(request: AuthedRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_idea(request.user, form.cleaned_data)
        messages.success(request, "Idea added to your library.")
        return redirect("coach:ideas")
    area = request.GET.get("area", "")
    shown = ideas_for_user(request.user)
    if area in Area.values:
        shown = shown.filter(area=area)
    marks = {m.idea_id: m for m in IdeaMark.objects.filter(user=request.user)}
    show_hidden = request.GET.get("hidden") == "1"
    rows = [(idea, marks.get(idea.pk)) for idea in shown]
    rows = [(i, m) for i, m in rows if show_hidden or not (m and m.hidden)]
    context = {
        "form": form,
        "rows": rows,
        "areas": Area.choices,
        "area": area,
        "show_hidden": show_hidden,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "coach/ideas.html", context, status=status)


@login_required
@require_POST
def hide(request: AuthedRequest, code) -> HttpResponse:
    idea = get_idea_for_user(request.user, code)
    services.hide_idea(request.user, idea, hidden=request.POST.get("hidden", "1") == "1")
    return redirect(next_url(request, reverse("coach:ideas"), field="back"))


@login_required
@require_POST
def do_idea(request: AuthedRequest, code) -> HttpResponse:
    idea = get_idea_for_user(request.user, code)
    services.set_idea_done(request.user, idea, timezone.localdate())
    return redirect(prefill_url(idea))


@login_required
def today(request: AuthedRequest) -> HttpResponse:
    candidate: Candidate | None = services.idea_for_today(request.user, timezone.localdate())
    context = {"idea": candidate, "log_url": prefill_url(candidate) if candidate else ""}
    template = "coach/_today.html" if request.htmx else "coach/today.html"
    return render(request, template, context)
