from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user, followups_for_user
from nomentum.asks.forms import AskForm
from nomentum.asks.models import FollowUp, Outcome
from nomentum.challenges.access import challenges_for_user
from nomentum.challenges.progress import progress_for
from nomentum.insights.figures import TYPICAL_MINIMUM
from nomentum.insights.pace import outcome_mix
from nomentum.insights.queries import added_up, best_day, day_rows
from nomentum.insights.services import fear_headline
from nomentum.insights.stats import outcome_summary
from nomentum.journal.weeks import is_review_time, week_to_review


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        return render(request, "landing.html")
    asks = asks_for_user(user)
    today = timezone.localdate()
    current = list(challenges_for_user(user).filter(end__gte=today).prefetch_related("goals"))
    # The day tallies give the totals and the best day; one counting query the challenges.
    days = day_rows(user)
    counts = added_up(days)
    progress = progress_for(user, current, today, best_day(days))
    summary = outcome_summary(counts, counts["self_rejections"])
    context = {
        "form": AskForm(),
        "summary": summary,
        "challenges": progress,
        "active_challenges": any(p.status == "active" for p in progress),
        "resting": any(p.pace.resting for p in progress),
        "mix": outcome_mix(summary["outcomes"], counts["game_changers"]),
        **_recent_and_waiting(asks),
        "self_rejections": asks.filter(self_rejection=True)[:3],
        "followups": followups_for_user(user).filter(status=FollowUp.Status.OPEN, due__lte=today)[
            :5
        ],
        "today": today,
        "fear_headline": fear_headline(user, days),
        "typical_minimum": TYPICAL_MINIMUM,
        "review_week": week_to_review(today, user.week_start)
        if is_review_time(today, user.week_start)
        else None,
    }
    return render(request, "dashboard.html", context)


def _recent_and_waiting(asks) -> dict:
    """The last five answered asks and the five waiting longest, in one query."""
    made = asks.filter(self_rejection=False)
    recent = made.exclude(outcome=Outcome.PENDING)[:5]
    waiting = made.filter(outcome=Outcome.PENDING).order_by("date", "id")[:5]
    both = list(made.filter(pk__in=recent.values("pk")) | made.filter(pk__in=waiting.values("pk")))
    return {
        "recent": [a for a in both if a.outcome != Outcome.PENDING],
        "waiting": sorted(
            (a for a in both if a.outcome == Outcome.PENDING), key=lambda a: (a.date, a.id)
        ),
    }


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and benchmarks: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "help.html")


def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "manifest.webmanifest", content_type="application/manifest+json")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A page that isn't there; on the API, said in JSON like every other API answer."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        answer = JsonResponse({"detail": "No such address in the API."}, status=404)
        answer["Cache-Control"] = "private, no-store"
        return answer
    return render(request, "404.html", status=404)
