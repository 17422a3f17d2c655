"""The only ways views reach challenges and goals: always scoped to their owner."""

from uuid import UUID

from django.db.models import QuerySet

from nomentum.access import get_by_code
from nomentum.accounts.models import User
from nomentum.challenges.models import Challenge, Goal, RestDay


def challenges_for_user(user: User) -> QuerySet[Challenge]:
    return Challenge.objects.filter(owner=user)


def rest_days_for_user(user: User) -> QuerySet[RestDay]:
    return RestDay.objects.filter(owner=user)


def get_challenge_for_user(user: User, code: UUID | str) -> Challenge:
    return get_by_code(challenges_for_user(user), code, "challenge")


def get_goal_for_user(user: User, code: UUID | str) -> Goal:
    goals = Goal.objects.select_related("challenge").filter(challenge__owner=user)
    return get_by_code(goals, code, "goal")
