"""Every change to challenges and goals goes through these functions (web and CLI)."""

from typing import Any

from django.db import transaction

from nomentum.accounts.models import User
from nomentum.challenges.models import Challenge, Goal

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
