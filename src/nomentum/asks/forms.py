from datetime import date

from django import forms
from django.db import models
from django.utils import timezone

from nomentum.asks.models import (
    ASK_FIELDS,
    PITCH_NAME_MAX,
    REQUEST_MAX,
    TO_MAX,
    Ask,
    Category,
    Contact,
    Method,
    Objection,
    Outcome,
    Pitch,
    Tier,
)
from nomentum.dates import DATE_HINT
from nomentum.fields import date_field

EARLIEST = date(1900, 1, 1)


def _zero_to_ten(label: str, noun: str, low: str, high: str) -> forms.IntegerField:
    message = f"{noun} is a number from 0 ({low}) to 10 ({high})."
    return forms.IntegerField(
        label=f"{label} (0–10)",
        required=False,
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"}),
        error_messages={"min_value": message, "max_value": message, "invalid": message},
    )


def _optional_choice(options: type[models.TextChoices], label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", "—"), *options.choices],
        error_messages={"invalid_choice": f"{label} is one of: " + ", ".join(options.values) + "."},
    )


class AskForm(forms.ModelForm):
    """The one validation of an ask, shared by the web, the CLI and (later) the API."""

    method = _optional_choice(Method, "Method")
    category = _optional_choice(Category, "Category")
    tier = _optional_choice(Tier, "Tier")
    objections = forms.MultipleChoiceField(
        choices=Objection.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What was the objection?",
        error_messages={"invalid_choice": "Objections are: " + ", ".join(Objection.values) + "."},
    )
    who_else = forms.CharField(
        required=False,
        max_length=TO_MAX,
        label="Who else might say yes?",
        help_text="A name they suggested — it becomes a contact linked to this one.",
    )
    override = forms.BooleanField(
        required=False,
        label="This is fine, log it anyway",
        help_text="The check can be wrong; your choice is noted on the ask.",
    )
    fear_before = _zero_to_ten("Fear before", "Fear", "none", "terrified")
    sting_after = _zero_to_ten("Sting after", "Sting", "none", "awful")

    pitch = forms.CharField(
        label="Pitch (which version of your message)",
        required=False,
        max_length=PITCH_NAME_MAX,
        help_text="Optional: name the email or script you used, and Insights compares them.",
        error_messages={"max_length": f"Keep a pitch name under {PITCH_NAME_MAX} characters."},
        widget=forms.TextInput(attrs={"list": "pitches", "autocomplete": "off"}),
    )

    to = forms.CharField(
        label="Person / company",
        required=False,
        max_length=TO_MAX,
        help_text="e.g. “Dana Lee, Acme” — person, comma, company.",
        error_messages={"max_length": f"Keep this under {TO_MAX} characters."},
    )

    class Meta:
        model = Ask
        fields = [
            "request",
            "to",
            *ASK_FIELDS[1:3],
            "pitch",
            *ASK_FIELDS[3:],
            "who_else",
            "override",
        ]
        labels = {
            "request": "What are you asking for?",
            "follow_up": "Follow-up",
            "game_changer": "Game-changer",
            "self_rejection": "I talked myself out of this one (not asked yet)",
            "missing_skill": "A skill or experience they found missing",
            "invited_after": "They invited me to ask again after",
            "worst_case": "Before you ask: the worst that could happen",
            "best_case": "…and the best that could happen",
            "lesson_starred": "Star this lesson (kept for the end of your challenge)",
        }
        help_texts = {
            "worst_case": "Optional. Often it is only a no — see it next to the outcome later.",
        }
        widgets = {
            "request": forms.Textarea(attrs={"rows": 2, "maxlength": REQUEST_MAX}),
            "date": forms.DateInput(attrs={"type": "date"}),
            "invited_after": forms.DateInput(attrs={"type": "date"}),
            "lessons": forms.Textarea(attrs={"rows": 2}),
            "worst_case": forms.Textarea(attrs={"rows": 2}),
            "best_case": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "request": {
                "required": "Write down what you asked for — a few words are enough.",
                "max_length": f"Keep the request under {REQUEST_MAX:,} characters "
                "(put the rest in notes).",
            },
            "outcome": {"invalid_choice": "Outcome is one of: " + ", ".join(Outcome.values) + "."},
            "date": {"invalid": DATE_HINT},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_override = False
        self.fields["date"].required = False
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
        self.fields["outcome"].required = False
        if self.instance.pk:
            self.initial.setdefault("to", self.instance.to)
            self.initial.setdefault(
                "pitch", self.instance.pitch.name if self.instance.pitch else ""
            )

    @classmethod
    def for_changes(cls, ask: Ask, changes: dict) -> "AskForm":
        """The form for an edit that names only the fields it changes (the API's PATCH):
        the others keep the ask's values."""
        from nomentum.forms import form_data

        current = {field: getattr(ask, field) for field in ASK_FIELDS}
        current["to"] = ask.to
        current["pitch"] = ask.pitch.name if ask.pitch else ""
        return cls(form_data(current | changes), instance=ask)

    def refuse(self, verdict) -> None:
        """Show the ethics guard's answer next to the field it concerns."""
        self.add_error("to" if verdict.hard else "request", verdict.message())
        self.show_override = not verdict.hard

    def _post_clean(self) -> None:
        # Validation only: the form must not write into the instance, because the
        # service compares the ask before and after (e.g. to celebrate a new no).
        pass

    def clean_request(self) -> str:
        return self.cleaned_data["request"].strip()

    def clean_outcome(self) -> str:
        return self.cleaned_data.get("outcome") or Outcome.PENDING

    def clean_date(self) -> date | None:
        day = self.cleaned_data.get("date")
        if day is None:
            return None
        if day > timezone.localdate():
            raise forms.ValidationError(
                "That date is in the future. Log an ask on the day you make it."
            )
        if day < EARLIEST:
            raise forms.ValidationError("That date is too far in the past.")
        return day


class OutcomeForm(forms.Form):
    """An answer, and what a no taught (the data miner)."""

    outcome = forms.ChoiceField(
        choices=Outcome.choices,
        error_messages={"invalid_choice": "Outcome is one of: " + ", ".join(Outcome.values) + "."},
    )
    sting_after = _zero_to_ten("Sting after", "Sting", "none", "awful")
    lesson = forms.CharField(required=False, max_length=2000)
    objections = forms.MultipleChoiceField(
        choices=Objection.choices,
        required=False,
        error_messages={"invalid_choice": "Objections are: " + ", ".join(Objection.values) + "."},
    )
    missing_skill = forms.CharField(required=False, max_length=200)
    who_else = forms.CharField(required=False, max_length=TO_MAX)
    invited_after = date_field(required=False)


SORTS = {
    "date": ("date", "id"),
    "request": ("request",),
    "outcome": ("outcome",),
    "tier": ("tier",),
    "category": ("category",),
    "method": ("method",),
    "fear": ("fear_before",),
    "sting": ("sting_after",),
}


class LogFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=200)
    outcome = forms.ChoiceField(required=False, choices=[("", "Any outcome"), *Outcome.choices])
    tier = forms.ChoiceField(required=False, choices=[("", "Any tier"), *Tier.choices])
    category = forms.ChoiceField(required=False, choices=[("", "Any category"), *Category.choices])
    method = forms.ChoiceField(required=False, choices=[("", "Any method"), *Method.choices])
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        required=False,
        choices=[("", "Asks made"), ("self", "Talked myself out of"), ("all", "Everything")],
        label="Show",
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in SORTS] + [(f"-{key}", key) for key in SORTS],
    )


class ContactForm(forms.ModelForm):
    @classmethod
    def for_changes(cls, contact: Contact, changes: dict) -> "ContactForm":
        """The form for an edit that names only what it changes; "do not contact" stays
        as it was unless given."""
        from nomentum.forms import form_data

        current = {f: getattr(contact, f) for f in cls.Meta.fields}
        given = {k: v for k, v in changes.items() if k in current and v is not None}
        return cls(form_data(current | given), instance=contact)

    class Meta:
        model = Contact
        fields = ("name", "email", "handle", "notes", "do_not_contact")
        labels = {"do_not_contact": "Do not contact (they asked, or you decided so)"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        twin = (
            Contact.objects.filter(
                owner=self.instance.owner, kind=self.instance.kind, key=Contact.key_for(name)
            )
            .exclude(pk=self.instance.pk)
            .first()
        )
        if twin is not None:
            raise forms.ValidationError(
                f"You already have a contact called “{twin.name}”. Merge the two instead."
            )
        return name


class PitchForm(forms.ModelForm):
    """A pitch: a name to pick it by, and the message itself."""

    class Meta:
        model = Pitch
        fields = ["name", "text"]
        labels = {"name": "Name", "text": "The message"}
        help_texts = {"name": "Short, e.g. “Cold email v2” or “Opening line: the shared friend”."}
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "name": {
                "required": "Give the pitch a name to pick it by.",
                "max_length": f"Keep the name under {PITCH_NAME_MAX} characters.",
            }
        }

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        from nomentum.asks.access import pitches_for_user

        taken = pitches_for_user(self.owner).filter(name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("You have a pitch with this name already.")
        return name
