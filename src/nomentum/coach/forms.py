from django import forms

from nomentum.asks.models import Tier
from nomentum.coach.models import PLAN_DEFAULTS, SEED_MAX, Area, Plan, Setting
from nomentum.coach.planner import FEARS
from nomentum.coach.services import passes_guard

SEED_MESSAGE = f"A seed is a whole number from 0 to {SEED_MAX:,}."
COMFORT_LEVELS = [
    (1, "1 — asking anything makes my stomach drop"),
    (2, "2 — small asks are fine, bigger ones scare me"),
    (3, "3 — I can ask, but I put it off"),
    (4, "4 — I ask often, I want to aim higher"),
    (5, "5 — bring on the moonshots"),
]


class QuestionnaireForm(forms.Form):
    areas = forms.MultipleChoiceField(
        choices=Area.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Where do you want to ask more?",
        error_messages={
            "required": "Pick at least one area.",
            "invalid_choice": "Areas are: " + ", ".join(Area.values) + ".",
        },
    )
    fears = forms.MultipleChoiceField(
        choices=[(key, fear.label) for key, fear in FEARS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What scares you most?",
        error_messages={"invalid_choice": "Fears to pick from: " + ", ".join(FEARS) + "."},
    )
    fear_text = forms.CharField(
        max_length=300,
        required=False,
        label="In your own words (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="e.g. “pitching my illustrations to magazines”. Used to pick ideas; "
        "private to you.",
    )
    comfort = forms.TypedChoiceField(
        choices=COMFORT_LEVELS,
        coerce=int,
        initial=2,
        widget=forms.RadioSelect,
        label="How comfortable are you asking today?",
        error_messages={"invalid_choice": "Comfort is a level from 1 to 5."},
    )
    weeks = forms.IntegerField(
        min_value=1,
        max_value=52,
        initial=4,
        label="Weeks",
        error_messages={
            "min_value": "A plan runs 1 to 52 weeks.",
            "max_value": "A plan runs 1 to 52 weeks.",
        },
    )
    target = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        initial=30,
        label="Asks in all",
        help_text="Start smaller than you think: 30 in 4 weeks is a strong first plan.",
        error_messages={
            "min_value": "Aim for at least 1 ask.",
            "max_value": "Keep the plan to 10,000 asks or fewer.",
        },
    )

    seed = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=SEED_MAX,
        widget=forms.HiddenInput,
        error_messages={k: SEED_MESSAGE for k in ("min_value", "max_value", "invalid")},
    )

    @classmethod
    def for_answers(cls, previous: Plan | None, answers: dict) -> "QuestionnaireForm":
        """The form for a plan made from a script: answers it leaves out are the current
        plan's, or the defaults."""
        data = dict(PLAN_DEFAULTS)
        if previous is not None:
            data.update({k: getattr(previous, k) for k in PLAN_DEFAULTS})
        return cls(data | {k: v for k, v in answers.items() if v is not None})


class IdeaForm(forms.Form):
    text = forms.CharField(
        min_length=10,
        max_length=200,
        label="Your idea",
        error_messages={
            "min_length": "Describe the ask in at least 10 characters.",
            "max_length": "Keep an idea under 200 characters.",
        },
    )
    area = forms.ChoiceField(choices=Area.choices)
    tier = forms.ChoiceField(choices=Tier.choices, initial=Tier.COMFORT)
    setting = forms.ChoiceField(choices=[("", "—"), *Setting.choices], required=False)

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        allowed, why = passes_guard(text)
        if not allowed:
            raise forms.ValidationError(why)
        return text
