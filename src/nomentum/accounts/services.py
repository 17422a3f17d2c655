import secrets

from django.db import transaction

from nomentum.accounts.models import User


@transaction.atomic
def set_calendar_token(user: User, enabled: bool) -> str:
    """A fresh secret for the calendar feed URL (the old URL stops working), or none."""
    user.ics_token = secrets.token_urlsafe(32) if enabled else ""
    user.save(update_fields=["ics_token"])
    return user.ics_token
