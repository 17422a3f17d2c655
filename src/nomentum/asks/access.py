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
    prefix = code_prefix.strip().lower().replace("-", "")
    if len(prefix) >= 32:
        return get_ask_for_user(user, prefix)
    if len(prefix) < 4 or any(c not in "0123456789abcdef" for c in prefix):
        raise Http404("No such ask.")
    matches = list(asks_for_user(user).filter(code__startswith=prefix)[:2])
    if len(matches) != 1:
        raise Http404("No such ask." if not matches else "That code matches several asks.")
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
