"""Two-step sign-in, read side: whether a user has it, checking a code, and showing a new
app key as a QR code and as text. The changes are use cases in ``services.py``.

A user's app is a django-otp ``TOTPDevice`` (confirmed once they typed a code from it);
their recovery codes are the tokens of one ``StaticDevice``, each used up on use."""

import re
from base64 import b32encode
from datetime import datetime

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nomentum.accounts.models import User

RECOVERY_CODES = 10
APP_CODE = re.compile(r"\d{6}")
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")  # StaticToken.random_token(): 8 base32 letters

WRONG = "That code didn't work. Check that your phone's clock is right, and try the newest code."
WRONG_RECOVERY = "That recovery code didn't work. Each one works only once."
NOT_A_CODE = "Enter the 6-digit code from your app, or one of your recovery codes."
NOT_AN_APP_CODE = "Enter the 6-digit code your app shows for Nomentum."


def is_on(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code: str) -> str:
    """Codes as people type them: spaces, dashes and capitals don't matter."""
    return re.sub(r"[\s-]", "", code).lower()


def check(user: User, code: str, device: TOTPDevice | None = None) -> Device:
    """The device that accepts ``code``: the app's (or, for enrolment, the not yet
    confirmed ``device``), or the recovery codes. ``ValidationError`` with a message
    for the person otherwise. Wrong codes slow down further tries (1, 2, 4, 8… s)."""
    code = normalise(code)
    if APP_CODE.fullmatch(code):
        candidates = (
            [device] if device else list(TOTPDevice.objects.filter(user=user, confirmed=True))
        )
        wrong = WRONG
    elif RECOVERY_CODE.fullmatch(code) and device is None:
        candidates = list(StaticDevice.objects.filter(user=user, confirmed=True))
        wrong = WRONG_RECOVERY
    else:
        raise ValidationError(NOT_AN_APP_CODE if device else NOT_A_CODE)
    waiting: datetime | None = None
    with transaction.atomic():  # one verification at a time per device (a code works once)
        for candidate in candidates:
            found = type(candidate).objects.select_for_update().get(pk=candidate.pk)
            allowed, why = found.verify_is_allowed()
            if not allowed:
                waiting = (why or {}).get("locked_until")
            elif found.verify_token(code):
                return found
    if waiting is not None:
        seconds = max(1, round((waiting - timezone.now()).total_seconds()))
        raise ValidationError(
            f"Too many wrong codes in a row. Wait {seconds} second{'s' if seconds != 1 else ''}, "
            "then try the newest code."
        )
    raise ValidationError(wrong)


def key_text(device: TOTPDevice) -> str:
    """The app key as people type it: base32 in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The ``otpauth://`` address as an inline SVG QR code (drawn here; no image service
    ever sees the key). Dark on white in either colour scheme, so cameras can read it."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr"
    )
    return mark_safe(svg)  # noqa: S308 - markup made by segno from our own data
