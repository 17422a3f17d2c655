import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from nomentum.asks.models import Category, Outcome
from nomentum.challenges.catalog import TEMPLATES

TARGET_MAX = 100_000
DAYS_MAX = 3650


class Counts(models.TextChoices):
    NO = "no", "No's only"
    NO_SILENCE = "no+silence", "No's and no-responses"
    ALL = "all", "Every ask"


COUNTED_OUTCOMES = {
    Counts.NO: [Outcome.NO],
    Counts.NO_SILENCE: [Outcome.NO, Outcome.NO_RESPONSE],
    Counts.ALL: None,  # every ask made, whatever the answer
}


class OnRest(models.TextChoices):
    EXTEND = "extend", "Move the end date"
    SHRINK = "shrink", "Lower the target"


class Challenge(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=80)
    template = models.CharField(
        max_length=20, choices=[(slug, t.title) for slug, t in TEMPLATES.items()]
    )
    target = models.PositiveIntegerField()
    start = models.DateField()
    end = models.DateField()
    counts = models.CharField(max_length=12, choices=Counts.choices, default=Counts.NO)
    # Empty: every category counts.
    categories = models.JSONField(default=list, blank=True)
    weekly_goal = models.PositiveIntegerField(null=True, blank=True)
    # What a rest day inside the challenge does: the end moves a day, or the target
    # drops by a day's share. Either way the line waits over it.
    on_rest = models.CharField(max_length=6, choices=OnRest.choices, default=OnRest.EXTEND)
    # Taking a catch-up offer starts the line again on this day, from the count then.
    restarted_on = models.DateField(null=True, blank=True)
    restarted_from = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["end", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="challenge_unique_name"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="challenge_dates"),
            models.CheckConstraint(
                condition=Q(target__gte=1, target__lte=TARGET_MAX), name="challenge_target"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def restart(self) -> tuple[date, int] | None:
        return (self.restarted_on, self.restarted_from) if self.restarted_on else None

    @property
    def blueprint(self):
        return TEMPLATES[self.template]

    @property
    def stage_count(self) -> int:
        return len(self.blueprint.stages) or 1

    def status_on(self, today: date) -> str:
        if today < self.start:
            return "upcoming"
        return "finished" if today > self.end else "active"

    def ask_filter(self) -> Q:
        """The asks this challenge counts, as a filter on the Ask table."""
        q = Q(self_rejection=False, date__gte=self.start, date__lte=self.end)
        outcomes = COUNTED_OUTCOMES[Counts(self.counts)]
        if outcomes is not None:
            q &= Q(outcome__in=outcomes)
        if self.categories:
            q &= Q(category__in=self.categories)
        return q

    def category_labels(self) -> list[str]:
        return [Category(c).label for c in self.categories]


class Goal(models.Model):
    """A SMART goal inside a challenge: a count of asks per day, week or month."""

    class Kind(models.TextChoices):
        COUNT = "count", "Count goal"
        OUTCOME = "outcome", "Outcome goal"

    class Metric(models.TextChoices):
        NO = "no", "rejections"
        NO_SILENCE = "no+silence", "rejections or silences"
        ALL = "all", "asks"
        YES = "yes", "yeses"

    class Period(models.TextChoices):
        DAY = "day", "a day"
        WEEK = "week", "a week"
        MONTH = "month", "a month"

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="goals")
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    metric = models.CharField(max_length=12, choices=Metric.choices, default=Metric.NO)
    count = models.PositiveIntegerField()
    period = models.CharField(max_length=6, choices=Period.choices, default=Period.WEEK)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    # Optional word that must appear in the request ("podcast" in "2 podcast yeses a month").
    keyword = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.describe()

    @property
    def kind(self) -> str:
        return self.Kind.OUTCOME if self.metric == self.Metric.YES else self.Kind.COUNT

    def describe(self) -> str:
        what = " ".join(
            part
            for part in (
                str(self.count),
                self.keyword,
                Category(self.category).label.lower() if self.category else "",
                self.get_metric_display(),
            )
            if part
        )
        return f"{what} {self.get_period_display()}"

    def ask_filter(self) -> Q:
        metric_outcomes = {
            self.Metric.NO: [Outcome.NO],
            self.Metric.NO_SILENCE: [Outcome.NO, Outcome.NO_RESPONSE],
            self.Metric.YES: [Outcome.YES],
        }
        q = Q(self_rejection=False)
        if self.metric in metric_outcomes:
            q &= Q(outcome__in=metric_outcomes[self.Metric(self.metric)])
        if self.category:
            q &= Q(category=self.category)
        if self.keyword:
            q &= Q(request__icontains=self.keyword)
        return q


class RestDay(models.Model):
    """A day the user rests: running challenges' lines wait over it and streaks keep."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["owner", "date"], name="rest_day_once")]

    def __str__(self) -> str:
        return f"Rest on {self.date}"
