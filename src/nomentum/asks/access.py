"""The only ways the doors reach asks, contacts and follow-ups: always scoped to their
owner; anyone else's is a 404."""

from uuid import UUID

from django.db.models import QuerySet

from nomentum.access import find_by_code, get_by_code
from nomentum.accounts.models import User
from nomentum.asks.models import Ask, Contact, FollowUp, Pitch


def asks_for_user(user: User) -> QuerySet[Ask]:
    return Ask.objects.filter(owner=user).select_related("person", "company", "referral", "pitch")


def get_ask_for_user(user: User, code: UUID | str) -> Ask:
    return get_by_code(asks_for_user(user), code, "ask")


def find_ask_for_user(user: User, code_prefix: str) -> Ask:
    """An ask by its full code or a unique prefix of at least 4 characters (CLI)."""
    return find_by_code(asks_for_user(user), code_prefix, "ask")


def contacts_for_user(user: User) -> QuerySet[Contact]:
    return Contact.objects.filter(owner=user)


def get_contact_for_user(user: User, code: UUID | str) -> Contact:
    return get_by_code(contacts_for_user(user), code, "contact")


def followups_for_user(user: User) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=user).select_related("ask", "contact")


def get_followup_for_user(user: User, code: UUID | str) -> FollowUp:
    return get_by_code(followups_for_user(user), code, "follow-up")


def pitches_for_user(user: User) -> QuerySet[Pitch]:
    return Pitch.objects.filter(owner=user)


def get_pitch_for_user(user: User, code: UUID | str) -> Pitch:
    return get_by_code(pitches_for_user(user), code, "pitch")
