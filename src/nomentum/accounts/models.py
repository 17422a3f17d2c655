import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone we know, e.g. Europe/Berlin.")


def default_no_response_days() -> int:
    return settings.NO_RESPONSE_DAYS


class User(AbstractUser):
    display_name = models.CharField(
        max_length=60, blank=True, help_text="Shown to people in your groups. Private otherwise."
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="Your days start and end in this time zone.",
    )
    no_response_days = models.PositiveSmallIntegerField(
        default=default_no_response_days,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="After this many days without an answer, a pending ask counts as no response.",
    )

    week_start = models.PositiveSmallIntegerField(
        choices=[(0, "Monday"), (6, "Sunday")],
        default=0,
        help_text="The day your week begins: for the week in review and weekly reflection.",
    )

    max_nudges = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(2)],
        help_text="How many polite nudges an unanswered ask may get (1 or 2, a week apart).",
    )
    # Secret part of the private calendar feed URL of follow-ups; empty = no feed.
    ics_token = models.CharField(max_length=64, blank=True, db_index=True)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


# What a person changes on the Settings page.
SETTINGS_FIELDS = (
    "display_name",
    "email",
    "timezone",
    "week_start",
    "no_response_days",
    "max_nudges",
)
TOKEN_NAME_MAX = 60


class ApiToken(models.Model):
    """A key for scripts and the remote CLI. Only a hash of the secret is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=TOKEN_NAME_MAX, blank=True)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    read_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({'read-only' if self.read_only else 'read and write'})"


IDEMPOTENCY_KEY_MAX = 100


class IdempotencyKey(models.Model):
    """A client's key for one write: a retried POST returns the first result."""

    user = models.ForeignKey(User, on_delete=models.CASCADE)
    key = models.CharField(max_length=IDEMPOTENCY_KEY_MAX)
    # A hash of the request the key was first used with: the same key with another
    # request is the client's mistake, not a retry.
    fingerprint = models.CharField(max_length=64, blank=True)
    ask = models.ForeignKey("asks.Ask", null=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key


USER_AGENT_MAX = 100


class UserSession(models.Model):
    """A browser signed in to the account, listed in Settings so its owner can end it.
    Only what recognising it needs: when, which browser (in short) and from where."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The key in Django's session store, to end the session there too.
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now_add=True)
    user_agent = models.CharField(max_length=USER_AGENT_MAX, blank=True)  # e.g. "Firefox on Linux"
    address = models.CharField(max_length=45, blank=True)  # IPv4 or IPv6

    class Meta:
        ordering = ["-last_seen", "-id"]

    def __str__(self) -> str:
        return f"{self.user_agent or 'a browser'} from {self.address or 'somewhere'}"
