"""The only ways views reach plans, plan items and ideas: scoped to their owner.
Built-in ideas are visible to everyone; a user's own ideas only to them."""

from uuid import UUID

from django.db.models import Q, QuerySet

from nomentum.access import get_by_code
from nomentum.accounts.models import User
from nomentum.coach.models import Idea, Plan, PlanItem


def plans_for_user(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(owner=user)


def current_plan(user: User) -> Plan | None:
    return plans_for_user(user).first()


def ideas_for_user(user: User) -> QuerySet[Idea]:
    return Idea.objects.filter(Q(owner=None, retired=False) | Q(owner=user))


def get_plan_for_user(user: User, code: UUID | str) -> Plan:
    return get_by_code(plans_for_user(user), code, "plan")


def get_item_for_user(user: User, code: UUID | str) -> PlanItem:
    return get_by_code(
        PlanItem.objects.select_related("plan").filter(plan__owner=user), code, "item"
    )


def get_idea_for_user(user: User, code: UUID | str) -> Idea:
    return get_by_code(ideas_for_user(user), code, "idea")
