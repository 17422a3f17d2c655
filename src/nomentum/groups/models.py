"""Groups: a shared period ("November of NO"), its members, and the counters the board
and the digests read (kept up to date as asks change, never computed from the asks table
at read time)."""

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from nomentum.challenges.catalog import TEMPLATES

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 8
MILESTONES = (1, 10, 25, 50, 100, 250, 500, 1000)
DEFAULT_WEEKLY_GOAL = 3  # 3 a week make 12 in a month: specific and reachable
WEEKLY_GOAL_MAX = 1000
GROUP_DAYS_MAX = 366  # a group runs for a year at most


def new_invite_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Group(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True, max_length=2000)
    template = models.CharField(
        max_length=20,
        choices=[(slug, t.title) for slug, t in TEMPLATES.items()],
        default="monthly-group",
    )
    start = models.DateField()
    end = models.DateField()
    invite_code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_invite_code)
    invites_open = models.BooleanField(default=True)
    invite_expires = models.DateField(null=True, blank=True)
    member_cap = models.PositiveIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="group_dates"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7 + 1

    def week_of(self, day: date) -> int | None:
        """1 for the first seven days of the period, and so on; None outside it."""
        if not self.start <= day <= self.end:
            return None
        return (day - self.start).days // 7 + 1

    def week_span(self, week: int) -> tuple[date, date]:
        first = self.start + timedelta(days=7 * (week - 1))
        return first, min(first + timedelta(days=6), self.end)


class Membership(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", "Organiser"
        MEMBER = "member", "Member"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    weekly_goal = models.PositiveIntegerField(default=DEFAULT_WEEKLY_GOAL)
    target = models.PositiveIntegerField(default=12)  # the personal goal for the period
    challenge = models.ForeignKey(
        "challenges.Challenge", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the member shows the group. Nothing by default.
    on_board = models.BooleanField(default=False)  # counts: the board, milestones, totals
    share_all = models.BooleanField(default=False)  # every ask of the period, not chosen ones
    show_names = models.BooleanField(default=False)  # whom they asked, not only initials
    # Counters for the period (logged, or the member's own weekly totals), kept by counters.py.
    attempts = models.PositiveIntegerField(default=0)
    nos = models.PositiveIntegerField(default=0)
    yeses = models.PositiveIntegerField(default=0)
    progress = models.PositiveIntegerField(default=0)  # ‰ of the personal goal, at most 1000

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_once"),
        ]
        indexes = [
            models.Index(
                fields=["group", "-nos", "joined_at"],
                name="board_by_nos",
                condition=Q(on_board=True, left_at=None),
            ),
            models.Index(
                fields=["group", "-progress", "joined_at"],
                name="board_by_progress",
                condition=Q(on_board=True, left_at=None),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"

    @property
    def active(self) -> bool:
        return self.left_at is None

    @property
    def is_organiser(self) -> bool:
        return self.role == self.Role.ORGANISER


class GroupWeek(models.Model):
    """One member's counts for one week of the group period."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="weeks")
    week = models.PositiveSmallIntegerField()
    attempts = models.PositiveIntegerField(default=0)
    nos = models.PositiveIntegerField(default=0)
    yeses = models.PositiveIntegerField(default=0)
    # A manual check-in replaces the logged counts of that week.
    manual = models.BooleanField(default=False)

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "week"], name="group_week_once"),
        ]

    def __str__(self) -> str:
        return f"week {self.week}: {self.nos} no's of {self.attempts}"


class SharedAsk(models.Model):
    """An ask its owner chose to show one group."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="shared")
    ask = models.ForeignKey("asks.Ask", on_delete=models.CASCADE, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "ask"], name="shared_once"),
        ]

    def __str__(self) -> str:
        return f"ask {self.ask_id} shared in {self.membership_id}"


class Event(models.Model):
    """An item of the group feed: a milestone, a shared ask, a member joining."""

    class Kind(models.TextChoices):
        JOINED = "joined", "joined"
        MILESTONE = "milestone", "milestone"
        SHARED = "shared", "shared an ask"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="events")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.PositiveIntegerField(null=True, blank=True)  # the milestone
    shared = models.OneToOneField(
        SharedAsk, null=True, blank=True, on_delete=models.CASCADE, related_name="event"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "-created_at"], name="feed_newest")]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "value"],
                condition=Q(kind="milestone"),
                name="milestone_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.value or ''}".strip()


class Cheer(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="cheers")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "membership"], name="cheer_once"),
        ]

    def __str__(self) -> str:
        return f"cheer on {self.event_id}"
