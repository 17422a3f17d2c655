import datetime
from datetime import date

from django import forms

from nomentum.accounts.models import User
from nomentum.asks.models import Category
from nomentum.challenges.catalog import TEMPLATES, WEEKS_IN_A_MONTH_GOAL
from nomentum.challenges.models import DAYS_MAX, TARGET_MAX, Challenge, Counts, Goal, OnRest
from nomentum.errors import Invalid
from nomentum.fields import date_field
from nomentum.forms import form_data
from nomentum.insights import pace as pacing

TARGET_MESSAGE = f"Pick a target between 1 and {TARGET_MAX:,}."
DAYS_MESSAGE = f"A challenge lasts 1 to {DAYS_MAX:,} days."


def template_field(**kwargs) -> forms.ChoiceField:
    """The choice of a challenge template, as challenges and groups both ask for it."""
    return forms.ChoiceField(
        choices=[(slug, t.title) for slug, t in TEMPLATES.items()],
        error_messages={"invalid_choice": "Template is one of: " + ", ".join(TEMPLATES) + "."},
        **kwargs,
    )


class ChallengeForm(forms.Form):
    """The one validation of a challenge, shared by the web and the CLI."""

    template = template_field(widget=forms.HiddenInput)
    name = forms.CharField(max_length=80, error_messages={"required": "Give the challenge a name."})
    target = forms.IntegerField(
        min_value=1,
        max_value=TARGET_MAX,
        label="Target",
        required=False,
        error_messages={
            "min_value": TARGET_MESSAGE,
            "max_value": TARGET_MESSAGE,
            "invalid": TARGET_MESSAGE,
            "required": TARGET_MESSAGE,
        },
    )
    start = date_field()
    end = date_field(help_text="The last day of the challenge (included).")
    counts = forms.ChoiceField(
        choices=Counts.choices,
        initial=Counts.NO,
        label="What counts",
        error_messages={"invalid_choice": "Counts is one of: no, no+silence, all."},
    )
    categories = forms.MultipleChoiceField(
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Only these categories",
        help_text="Leave all unticked to count every category.",
    )
    weekly_goal = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1000,
        label="Personal weekly goal",
        error_messages={
            "min_value": "A weekly goal of at least 1.",
            "max_value": "A weekly goal of at most 1,000.",
        },
    )

    on_rest = forms.ChoiceField(
        choices=OnRest.choices,
        required=False,
        initial=OnRest.EXTEND,
        widget=forms.RadioSelect,
        label="On a rest day",
        help_text="The line waits over rest days either way.",
        error_messages={"invalid_choice": "On a rest day is one of: extend, shrink."},
    )

    def __init__(self, *args, owner: User, instance: Challenge | None = None, **kwargs):
        self.owner = owner
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Challenge.objects.filter(owner=self.owner, name__iexact=name)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                f"You already have a challenge called “{name}”. Pick another name."
            )
        return name

    def clean_on_rest(self) -> str:
        return self.cleaned_data.get("on_rest") or OnRest.EXTEND

    def clean(self):
        data = super().clean() or {}
        template = TEMPLATES.get(data.get("template", ""))
        if data.get("target") is None and "target" not in self.errors:
            # A monthly challenge's target follows from the weekly goal: 3 a week, 12 a month.
            if template and template.weekly_goal and data.get("weekly_goal"):
                data["target"] = data["weekly_goal"] * WEEKS_IN_A_MONTH_GOAL
            else:
                self.add_error("target", TARGET_MESSAGE)
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end comes before the start.")
            elif (end - start).days + 1 > DAYS_MAX:
                self.add_error("end", DAYS_MESSAGE)
        return data

    @classmethod
    def for_template(cls, owner: User, slug: str, given: dict, today: date) -> "ChallengeForm":
        """The form for a challenge started from a script: what ``given`` leaves out takes
        the template's defaults; ``days`` (instead of an end) counts from the start."""
        if slug not in TEMPLATES:
            raise Invalid({"template": ["Template is one of: " + ", ".join(TEMPLATES) + "."]})
        given = {k: v for k, v in given.items() if v not in (None, "", [])}
        days = given.pop("days", None)
        if days is not None and not 1 <= days <= DAYS_MAX:
            raise Invalid({"days": [DAYS_MESSAGE]})
        fields = cls.initial_for(slug, today) | given | {"template": slug}
        if "start" in given and not isinstance(given["start"], date):
            start_field = cls.base_fields["start"]
            try:
                fields["start"] = start_field.clean(given["start"])
            except forms.ValidationError as error:
                raise Invalid({"start": error.messages}) from None
        if "start" in given or days is not None:
            fields["end"] = TEMPLATES[slug].end_for(fields["start"], days)
            fields["name"] = given.get("name") or TEMPLATES[slug].default_name(fields["start"])
        return cls(form_data(fields), owner=owner)

    @classmethod
    def initial_for(cls, slug: str, today: date) -> dict:
        template = TEMPLATES[slug]
        start = template.default_start(today)
        return {
            "template": slug,
            "name": template.default_name(start),
            "target": None if template.weekly_goal else template.target,
            "start": start,
            "end": template.end_for(start),
            "counts": Counts.NO,
            "weekly_goal": template.weekly_goal,
        }


GOAL_COUNT_MESSAGE = "A goal is a count from 1 to 1,000."


class GoalForm(forms.Form):
    count = forms.IntegerField(
        min_value=1,
        max_value=1000,
        error_messages={
            "min_value": GOAL_COUNT_MESSAGE,
            "max_value": GOAL_COUNT_MESSAGE,
            "invalid": GOAL_COUNT_MESSAGE,
            "required": GOAL_COUNT_MESSAGE,
        },
    )
    keyword = forms.CharField(
        max_length=40,
        required=False,
        label="About (optional)",
        help_text="A word the request must contain, e.g. “podcast”.",
    )
    category = forms.ChoiceField(
        choices=[("", "any category"), *Category.choices],
        required=False,
    )
    metric = forms.ChoiceField(choices=Goal.Metric.choices, initial=Goal.Metric.NO, label="of")
    period = forms.ChoiceField(choices=Goal.Period.choices, initial=Goal.Period.WEEK, label="per")
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    MIN_DAYS = {"day": 1, "week": 7, "month": 28}

    @classmethod
    def for_user(cls, user: User, challenge: Challenge, data=None) -> "GoalForm":
        """The form with the user's best week so far of the chosen metric."""
        from nomentum.insights.queries import best_week

        metric = (data or {}).get("metric") or Goal.Metric.NO
        probe = Goal(metric=metric if metric in Goal.Metric.values else Goal.Metric.NO, count=1)
        return cls(data, challenge=challenge, best_week=best_week(user, probe.ask_filter()))

    def __init__(self, *args, challenge: Challenge, best_week: int, **kwargs):
        self.challenge = challenge
        self.best_week = best_week
        self.unrealistic = False
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean() or {}
        period, count = data.get("period"), data.get("count")
        if not period or not count:
            return data
        days = (self.challenge.end - self.challenge.start).days + 1
        if days < self.MIN_DAYS[period]:
            self.add_error(
                "period",
                f"A goal {Goal.Period(period).label} needs a challenge of at least "
                f"{self.MIN_DAYS[period]} days; this one has {days}.",
            )
        elif pacing.is_unrealistic(count, period, self.best_week) and not data.get("confirm"):
            self.unrealistic = True
            raise forms.ValidationError(
                f"That is about {pacing.per_week(count, period):.0f} a week, more than three "
                f"times your best week so far ({self.best_week}). Goals you can meet keep you "
                "asking; a goal that is out of reach tends to stall people. You can keep it "
                "anyway, or try a smaller one and raise it once you beat it.",
                code="unrealistic",
            )
        return data


REST_DAYS_MAX = 30  # the longest pause marked at once
REST_BACK = 7  # a rest day can be marked up to a week after it


class RestForm(forms.Form):
    """Rest days: from a day (today when empty), for a number of days."""

    date = date_field(required=False, label="From")
    days = forms.IntegerField(
        min_value=1,
        max_value=REST_DAYS_MAX,
        initial=1,
        required=False,
        error_messages={
            "min_value": "Rest at least one day.",
            "max_value": f"Rest at most {REST_DAYS_MAX} days at a time; mark more later.",
            "invalid": "Days is a whole number, like 3.",
        },
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data.get("date") or self.today
        if (self.today - day).days > REST_BACK:
            raise forms.ValidationError(
                f"A rest day can be marked up to {REST_BACK} days after it; pick a later day."
            )
        if (day - self.today).days > 365:
            raise forms.ValidationError("Pick a day within the next year.")
        return day

    def clean_days(self) -> int:
        return self.cleaned_data.get("days") or 1
