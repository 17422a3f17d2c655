"""The only ways to reach reflections and shared lessons: scoped to their author."""

from uuid import UUID

from django.db.models import QuerySet

from nomentum.access import get_by_code
from nomentum.accounts.models import User
from nomentum.journal.models import Reflection, SharedLesson


def reflections_for_user(user: User) -> QuerySet[Reflection]:
    return Reflection.objects.filter(owner=user)


def shared_lessons_for_user(user: User) -> QuerySet[SharedLesson]:
    return SharedLesson.objects.filter(
        membership__user=user, membership__left_at=None
    ).select_related("membership__group")


def get_shared_lesson_for_user(user: User, code: UUID | str) -> SharedLesson:
    return get_by_code(shared_lessons_for_user(user), code, "shared lesson")


def lessons_shared_with(group, limit: int = 10) -> list[SharedLesson]:
    """The latest lessons members chose to share with ``group`` (the caller has checked
    the viewer's membership); members who left took theirs with them."""
    return list(
        SharedLesson.objects.filter(membership__group=group, membership__left_at=None)
        .select_related("membership__user")
        .order_by("-week", "-shared_at")[:limit]
    )
