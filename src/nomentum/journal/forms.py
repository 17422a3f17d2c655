"""The reflection form (a field per prompt, all optional) and sharing a lesson."""

from django import forms

from nomentum.journal import prompts
from nomentum.journal.models import LESSON_MAX


class ReflectionForm(forms.Form):
    """One optional answer per prompt; the service saves only the fields sent."""

    def __init__(self, *args, autosave: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for prompt in prompts.PROMPTS:
            typing = {
                # Each answer saves itself, alone, a moment after typing stops.
                "hx-post": autosave,
                "hx-trigger": "input changed delay:800ms, blur changed",
                "hx-params": prompt.id,
                "hx-target": f"#saved-{prompt.id}",
                "hx-sync": "this:replace",
            }
            self.fields[prompt.id] = forms.CharField(
                label=prompt.text,
                help_text=prompt.hint,
                required=False,
                strip=False,
                max_length=prompts.ANSWER_MAX,
                error_messages={
                    "max_length": f"Keep an answer under {prompts.ANSWER_MAX:,} characters."
                },
                widget=forms.Textarea(
                    attrs={"rows": 3, "maxlength": prompts.ANSWER_MAX}
                    | (typing if autosave else {})
                ),
            )

    def sent(self) -> dict[str, str]:
        """The answers this request carried (an autosave sends one field). The whole form
        also sends each answer as it was when the page loaded (``was_<id>``): an answer
        left as it was is not sent, so another tab's newer text for it stays."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.data and self.data.get(f"was_{name}") != self.data.get(name)
        }


class ShareLessonForm(forms.Form):
    group = forms.ChoiceField(label="Share with")
    text = forms.CharField(
        label="Your lesson of the week",
        max_length=LESSON_MAX,
        help_text="Only this sentence is shared, under your name. You can take it back.",
        error_messages={
            "required": "Write the lesson you want to share.",
            "max_length": f"Keep a shared lesson under {LESSON_MAX} characters.",
        },
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": LESSON_MAX}),
    )

    def __init__(self, memberships, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group: forms.ChoiceField = self.fields["group"]  # type: ignore[assignment]
        group.choices = [(str(m.group.code), m.group.name) for m in memberships]
