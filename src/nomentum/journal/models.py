"""The journal: one reflection per person per week, and the lessons a member chose to
share with a group. Reflection text is its author's alone."""

import uuid

from django.conf import settings
from django.db import models

LESSON_MAX = 500


class Reflection(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    week = models.CharField(max_length=8)  # "2026-W48", see weeks.py
    starts_on = models.DateField()  # the week's first day, in the author's week
    answers = models.JSONField(default=dict, blank=True)  # prompt id -> text
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "week"], name="one_reflection_a_week"),
        ]

    def __str__(self) -> str:
        return f"Reflection {self.week}"


class SharedLesson(models.Model):
    """One lesson of a week a member shared with one of their groups, until they stop."""

    membership = models.ForeignKey(
        "groups.Membership", on_delete=models.CASCADE, related_name="shared_lessons"
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    week = models.CharField(max_length=8)
    text = models.CharField(max_length=LESSON_MAX)
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_at"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "week"], name="one_shared_lesson_a_week"),
        ]

    def __str__(self) -> str:
        return self.text[:60]
