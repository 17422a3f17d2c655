import zoneinfo

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from nomentum.accounts import twofactor
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
            "week_start": "Week starts on",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["week_start"].required = False  # left out: the week stays as it was

    def clean_week_start(self):
        value = self.cleaned_data.get("week_start")
        return self.instance.week_start if value in (None, "") else value


class TokenForm(forms.Form):
    """A new API token: a name to recognise it by, and whether it may only read."""

    name = forms.CharField(
        required=False,
        max_length=TOKEN_NAME_MAX,
        error_messages={"max_length": f"Keep the name under {TOKEN_NAME_MAX} characters."},
    )
    read_only = forms.BooleanField(required=False)


def _code_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        label="Code",
        max_length=20,
        help_text=help_text,
        error_messages={"required": "Enter the code, please."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class CodeForm(forms.Form):
    """A code from the user's app, or one of their recovery codes; ``device`` is the
    one that accepted it."""

    code = _code_field("The 6-digit code from your authenticator app, or a recovery code.")

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self) -> str:
        self.device = twofactor.check(self.user, self.cleaned_data["code"])
        return self.cleaned_data["code"]


class EnrolForm(CodeForm):
    """The first code from the app being set up: it proves the app has the key."""

    code = _code_field("The 6-digit code your app now shows for Nomentum.")

    def __init__(self, user: User, pending: TOTPDevice, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.pending = pending
        # On a phone, focus would open the keyboard and scroll the QR code out of view.
        self.fields["code"].widget.attrs.pop("autofocus", None)

    def clean_code(self) -> str:
        self.device = twofactor.check(self.user, self.cleaned_data["code"], device=self.pending)
        return self.cleaned_data["code"]


class PasswordForm(forms.Form):
    """The account's password once more. Wrong tries count towards the log-in lockout."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        error_messages={"required": "Enter your password, please."},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, user: User, request: HttpRequest, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        found = authenticate(self.request, username=self.user.get_username(), password=password)
        if found is None or found.pk != self.user.pk:
            raise forms.ValidationError("That isn't your password. Try again?")
        return password


class DeleteAccountForm(PasswordForm):
    """Deleting the account: the password, and a code too with two-step sign-in."""

    code = _code_field("The 6-digit code from your authenticator app, or a recovery code.")

    def __init__(self, user: User, request: HttpRequest, *args, **kwargs):
        super().__init__(user, request, *args, **kwargs)
        self.fields["password"].widget.attrs.pop("autofocus", None)
        self.fields["code"].widget.attrs.pop("autofocus", None)
        if not twofactor.is_on(user):
            del self.fields["code"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if "password" in self.cleaned_data:  # a wrong password doesn't use up a code
            twofactor.check(self.user, code)
        return code
