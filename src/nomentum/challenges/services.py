"""The use cases of challenges and goals, for every door (web, API, CLI): each change,
and the reads with rules (where each challenge stands)."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.challenges.access import challenges_for_user
from nomentum.challenges.models import Challenge, Goal
from nomentum.challenges.progress import ChallengeProgress, GoalProgress, progress_for
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
