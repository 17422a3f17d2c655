import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from nomentum.accounts.models import SETTINGS_FIELDS, ApiToken, User


@transaction.atomic
def create_account(
    username: str, email: str = "", timezone: str = "UTC", password: str | None = None, **extra
) -> User:
    """A new account (checked by the door: the sign-up form or ``nomentum adduser``).
    Without a password it is for the command line only; ``admin`` may use /admin/."""
    admin = bool(extra.get("admin"))
    user = User(username=username, email=email, timezone=timezone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_staff = user.is_superuser = admin
    user.save()
    return user


@transaction.atomic
def update_settings(user: User, data: dict) -> User:
    """Change the account's settings from cleaned ``SettingsForm`` data."""
    for field in SETTINGS_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.save(update_fields=[f for f in SETTINGS_FIELDS if f in data])
    return user


@transaction.atomic
def set_calendar_token(user: User, enabled: bool) -> str:
    """A fresh secret for the calendar feed URL (the old URL stops working), or none."""
    user.ics_token = secrets.token_urlsafe(32) if enabled else ""
    user.save(update_fields=["ics_token"])
    return user.ics_token


TOKEN_START = "nmt_"  # noqa: S105 - a visible prefix, not a secret


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(user: User, read_only: bool = False, name: str = "") -> tuple[ApiToken, str]:
    """A new API token (the doors check ``name`` with ``TokenForm``); the secret is shown
    once and only its hash is stored."""
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, digest=_digest(secret), read_only=read_only
    )
    return token, secret


def user_for_token(secret: str) -> tuple[User, ApiToken] | None:
    parts = secret.split("_")
    if len(parts) < 3 or not secret.startswith(TOKEN_START):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(secret)):
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
    return token.user, token


@transaction.atomic
def revoke_token(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
