import zoneinfo

from django import forms
from django.contrib.auth.forms import UserCreationForm

from nomentum.accounts.models import SETTINGS_FIELDS, TOKEN_NAME_MAX, User

_ZONES = sorted(zoneinfo.available_timezones())


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional. Only used to reset your password and for reminders."
    )
    timezone = forms.ChoiceField(
        choices=[(z, z) for z in _ZONES],
        initial="UTC",
        help_text="Your days start and end here.",
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "email", "timezone")


class SettingsForm(forms.ModelForm):
    """The account settings (saved by ``services.update_settings``)."""

    timezone = forms.ChoiceField(choices=[(z, z) for z in _ZONES])

    class Meta:
        model = User
        fields = SETTINGS_FIELDS
        labels = {
            "no_response_days": "Days to wait before an ask counts as no response",
            "max_nudges": "Polite nudges allowed after silence (1 or 2)",
        }


class TokenForm(forms.Form):
    """A new API token: a name to recognise it by, and whether it may only read."""

    name = forms.CharField(
        required=False,
        max_length=TOKEN_NAME_MAX,
        error_messages={"max_length": f"Keep the name under {TOKEN_NAME_MAX} characters."},
    )
    read_only = forms.BooleanField(required=False)
