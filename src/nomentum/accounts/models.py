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
