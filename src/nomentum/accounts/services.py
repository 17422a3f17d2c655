import hashlib
import hmac
import secrets
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nomentum.accounts.models import SETTINGS_FIELDS, ApiToken, User, UserSession
from nomentum.accounts.twofactor import RECOVERY_CODES


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


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore()


def _end(sessions) -> None:
    """Sign these browsers out: their sessions leave Django's store, their rows go."""
    store = _session_store()
    for key in sessions.exclude(session_key="").values_list("session_key", flat=True):
        store.delete(key)
    sessions.delete()


def signed_in_sessions(user: User) -> list[UserSession]:
    """The browsers signed in to the account, most recently seen first. Rows whose
    session ended without a sign-out (it expired, or a password change ended it) go."""
    store = _session_store()
    since = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows = list(UserSession.objects.filter(user=user))
    gone = [r.pk for r in rows if r.last_seen < since or not store.exists(r.session_key)]
    if gone:
        UserSession.objects.filter(pk__in=gone).delete()
    return [r for r in rows if r.pk not in gone]


@transaction.atomic
def sign_out_session(session: UserSession) -> None:
    _end(UserSession.objects.filter(pk=session.pk))


@transaction.atomic
def sign_out_other_sessions(user: User, keep: str) -> int:
    """Sign out every browser but the one whose ``UserSession.code`` is ``keep``."""
    others = UserSession.objects.filter(user=user)
    if keep:
        others = others.exclude(code=keep)
    count = others.count()
    _end(others)
    return count


@transaction.atomic
def start_two_factor(user: User) -> TOTPDevice:
    """A new app key waiting to be confirmed with a code (the same one until then, so a
    reload shows the QR code the person may have scanned already)."""
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return pending or TOTPDevice.objects.create(user=user, name="App", confirmed=False)


@transaction.atomic
def turn_on_two_factor(user: User, device: TOTPDevice) -> list[str]:
    """The app gave a right code (checked by the form): from now on sign-in asks for
    one. Returns the recovery codes, to be shown once."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh one-time codes; any old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def turn_off_two_factor(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def delete_account(user: User) -> None:
    """Remove the account and every row it owns, in one transaction: its asks,
    contacts, follow-ups, challenges, goals, plans, own ideas and marks, tokens, keys,
    two-step devices, its part of each group (weeks, shares, cheers, feed items), its
    log-in records and its sessions. A group it alone organised passes to its
    longest-standing member; a group left with nobody in it is deleted. The other
    members' counters are theirs alone, so they stay as they are."""
    # The one place accounts calls another app: an account can't go without settling
    # the groups it is in, and groups can't be told after the fact.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from nomentum.groups import services as groups

    group_ids = groups.hand_over(user)
    _end(UserSession.objects.filter(user=user))
    for record in (AccessAttempt, AccessFailureLog, AccessLog):
        record.objects.filter(username=user.get_username()).delete()
    user.delete()  # everything else hangs on the user and goes with it (CASCADE)
    groups.drop_empty(group_ids)
