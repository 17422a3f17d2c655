"""The only ways views reach challenges and goals: always scoped to their owner."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from nomentum.accounts.models import User
from nomentum.challenges.models import Challenge, Goal


def challenges_for_user(user: User) -> QuerySet[Challenge]:
    return Challenge.objects.filter(owner=user)


def get_challenge_for_user(user: User, code: UUID | str) -> Challenge:
    try:
        return challenges_for_user(user).get(code=code)
    except (Challenge.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such challenge.") from None


def get_goal_for_user(user: User, code: UUID | str) -> Goal:
    try:
        return Goal.objects.select_related("challenge").get(challenge__owner=user, code=code)
    except (Goal.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such goal.") from None
