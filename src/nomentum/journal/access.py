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
