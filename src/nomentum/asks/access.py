"""The only ways views reach asks and contacts: always scoped to their owner."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from nomentum.accounts.models import User
from nomentum.asks.models import Ask, Contact, FollowUp


def asks_for_user(user: User) -> QuerySet[Ask]:
    return Ask.objects.filter(owner=user).select_related("person", "company")


def get_ask_for_user(user: User, code: UUID | str) -> Ask:
    try:
        return asks_for_user(user).get(code=code)
    except (Ask.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such ask.") from None


def find_ask_for_user(user: User, code_prefix: str) -> Ask:
    """An ask by its full code or a unique prefix of at least 4 characters (CLI)."""
    return find_by_code(asks_for_user(user), code_prefix, "ask")


def find_by_code(queryset: QuerySet, code_prefix: str, what: str):
    """The one object of ``queryset`` whose code is this, or starts with this (4+ hex
    characters, with or without the dashes)."""
    prefix = code_prefix.strip().lower().replace("-", "")
    if len(prefix) < 4 or len(prefix) > 32 or any(c not in "0123456789abcdef" for c in prefix):
        raise Http404(f"No such {what}.")
    # A UUID's text has dashes after characters 8, 12, 16 and 20 (PostgreSQL compares it so).
    dashed = "-".join(prefix[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32)))
    matches = list(queryset.filter(code__startswith=dashed.rstrip("-"))[:2])
    if len(matches) != 1:
        raise Http404(f"No such {what}." if not matches else f"That code matches several {what}s.")
    return matches[0]


def contacts_for_user(user: User) -> QuerySet[Contact]:
    return Contact.objects.filter(owner=user)


def get_contact_for_user(user: User, code: UUID | str) -> Contact:
    try:
        return contacts_for_user(user).get(code=code)
    except (Contact.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such contact.") from None


def find_contacts(user: User, to: str) -> tuple[Contact | None, Contact | None]:
    """The existing person and company a "to" text names (nothing is created)."""
    from nomentum.asks.services import lookup_contacts

    named = lookup_contacts(user, to)
    return named.person, named.company


def followups_for_user(user: User) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=user).select_related("ask", "contact")


def get_followup_for_user(user: User, code: UUID | str) -> FollowUp:
    try:
        return followups_for_user(user).get(code=code)
    except (FollowUp.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such follow-up.") from None
