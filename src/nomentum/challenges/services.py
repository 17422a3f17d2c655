"""The use cases of challenges and goals, for every door (web, API, CLI): each change,
and the reads with rules (where each challenge stands)."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.challenges.access import challenges_for_user, rest_days_for_user
from nomentum.challenges.models import DAYS_MAX, Challenge, Goal, OnRest, RestDay
from nomentum.challenges.progress import ChallengeProgress, GoalProgress, progress_for
from nomentum.errors import Invalid
from nomentum.insights import pace as pacing
from nomentum.insights.queries import user_summary

CHALLENGE_FIELDS = (
    "name",
    "template",
    "target",
    "start",
    "end",
    "counts",
    "categories",
    "weekly_goal",
    "on_rest",
)
GOAL_FIELDS = ("metric", "count", "period", "category", "keyword")


@transaction.atomic
def start_challenge(user: User, data: dict[str, Any]) -> Challenge:
    """Start a challenge from cleaned data (see ``ChallengeForm``)."""
    challenge = Challenge(owner=user, **{f: data[f] for f in CHALLENGE_FIELDS if f in data})
    challenge.save()
    return challenge


@transaction.atomic
def update_challenge(challenge: Challenge, data: dict[str, Any]) -> Challenge:
    """Change a challenge's name, target, dates or count rules. Counts are computed
    from the log, so they follow at once."""
    for field in CHALLENGE_FIELDS:
        if field in data and field != "template":
            setattr(challenge, field, data[field])
    challenge.save()
    return challenge


@transaction.atomic
def add_goal(challenge: Challenge, data: dict[str, Any]) -> Goal:
    return Goal.objects.create(
        challenge=challenge, **{f: data[f] for f in GOAL_FIELDS if f in data}
    )


@transaction.atomic
def remove_goal(goal: Goal) -> None:
    goal.delete()


@transaction.atomic
def take_rest(user: User, data: dict[str, Any]) -> list[date]:
    """Mark rest days (see ``RestForm``): the days not marked already. Each running or
    coming challenge they fall in moves its end by as many days, or lowers its target
    by their share, as the challenge says (``on_rest``). Returns the new rest days."""
    wanted = [data["date"] + timedelta(days=n) for n in range(data["days"])]
    had = set(rest_days_for_user(user).values_list("date", flat=True))
    new = [day for day in wanted if day not in had]
    RestDay.objects.bulk_create(RestDay(owner=user, date=day) for day in new)
    rest = frozenset(had | set(new))
    for challenge in challenges_for_user(user).filter(end__gte=wanted[0]).select_for_update():
        before = pacing.ActiveDays(challenge.start, challenge.end, frozenset(had))
        after = pacing.ActiveDays(challenge.start, challenge.end, rest)
        if after.total == before.total:
            continue
        if challenge.on_rest == OnRest.SHRINK:
            challenge.target = max(1, round(challenge.target * after.total / before.total))
        else:
            while after.total < before.total:  # the end moves past rest days, old or new
                challenge.end += timedelta(days=1)
                after = pacing.ActiveDays(challenge.start, challenge.end, rest)
        challenge.save(update_fields=["end", "target"])
    return new


def rest_message(new: list[date], data: dict[str, Any], today: date) -> str:
    """What marking rest days did, in a sentence for every door."""
    if not new:
        return "Already a rest day. Enjoy it."
    if new == [today]:
        return "Today is a rest day. Your challenges' lines wait for you, and your streak keeps."
    days = f"{len(new)} rest day{'s' if len(new) != 1 else ''}"
    return f"{days} marked from {new[0]:%-d %b}. Your challenges' lines wait over them."


CATCH_UP_WAYS = ("extend", "lower", "restart")


@transaction.atomic
def catch_up(challenge: Challenge, how: str, today: date) -> Challenge:
    """Take the offer a challenge makes when its gap is more than a humane week closes:
    the line starts again from today's count, and the end moves by the days the rest
    takes (``extend``), or the target drops to what the end brings (``lower``), or, when
    the rest fits already, neither (``restart``). Worked out again here, not taken from
    the caller."""
    if how not in CATCH_UP_WAYS:
        raise Invalid({"how": ["Catch up by: " + ", ".join(CATCH_UP_WAYS) + "."]})
    [found] = progress(challenge.owner, [challenge], today)
    offer = found.pace.catch_up
    if offer is None or found.status != "active":
        raise Invalid({"how": ["This challenge is within a doable week of its line already."]})
    if how == "extend":
        challenge.end += timedelta(days=offer.extend_days)
        if (challenge.end - challenge.start).days + 1 > DAYS_MAX:
            raise Invalid({"how": [f"A challenge runs at most {DAYS_MAX} days: lower the target."]})
    elif how == "lower":
        challenge.target = offer.lower_to
    challenge.restarted_on, challenge.restarted_from = today, found.pace.counted
    challenge.save(update_fields=["end", "target", "restarted_on", "restarted_from"])
    return challenge


def progress(
    user: User, challenges: list[Challenge] | None = None, today: date | None = None
) -> list[ChallengeProgress]:
    """Where each challenge stands (all of the user's when none are given)."""
    if challenges is None:
        challenges = list(challenges_for_user(user).prefetch_related("goals"))
    return progress_for(user, challenges, today or timezone.localdate())


def goal_progress(goal: Goal) -> GoalProgress:
    [found] = progress(goal.challenge.owner, [goal.challenge])
    return next(g for g in found.goals if g.goal.pk == goal.pk)


def stats(user: User, today: date | None = None) -> dict:
    """Totals, the yes rate, and the current challenges with their pace."""
    today = today or timezone.localdate()
    current = list(challenges_for_user(user).filter(end__gte=today).prefetch_related("goals"))
    return user_summary(user) | {"challenges": progress(user, current, today)}
