"""Roll-ups of each user's asks, kept by ``tallies.py`` as the asks change, so that the
Insights page reads rows per day and per kind rather than every ask (SPEC F6).

They hold counts only — no text of an ask beyond the user's own missing-skill notes —
and go with their owner. Asks made and self-rejections are counted apart.
"""

from django.conf import settings
from django.db import models


def _count() -> models.IntegerField:
    return models.IntegerField(default=0)


class DayTally(models.Model):
    """A day's asks of one tier (blank: no tier): outcomes and the fear and sting scores."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField()
    tier = models.CharField(max_length=10, blank=True)
    asks = _count()  # asks made (self-rejections are counted apart)
    yes = _count()
    no = _count()
    no_response = _count()
    partial = _count()
    pending = _count()
    game_changers = _count()
    self_rejections = _count()
    fear_n = _count()
    fear_sum = _count()
    sting_n = _count()
    sting_sum = _count()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "date", "tier"], name="day_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.tier}: {self.asks} asks"


class MixTally(models.Model):
    """Asks made by method, category and pitch (0: none), with their answers."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    method = models.CharField(max_length=20, blank=True)
    category = models.CharField(max_length=20, blank=True)
    pitch = models.IntegerField(default=0)  # the pitch's id; not a key, so 0 can mean none
    asks = _count()
    settled = _count()
    replied = _count()
    yes = _count()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "method", "category", "pitch"], name="mix_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.category} {self.pitch}: {self.asks} asks"


class AnswerTally(models.Model):
    """Answers by method and the whole days they took (answers recorded after the ask)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    method = models.CharField(max_length=20, blank=True)
    days = models.IntegerField()
    n = _count()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "method", "days"], name="answer_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.method} after {self.days} days: {self.n}"


class NoteTally(models.Model):
    """How often a no gave a list of reasons (``objections``, the list as JSON), or an ask
    noted a missing skill (``skill``, the text as written)."""

    class Kind(models.TextChoices):
        OBJECTIONS = "objections"
        SKILL = "skill"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=400)
    n = _count()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "key"], name="note_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}: {self.n}"
