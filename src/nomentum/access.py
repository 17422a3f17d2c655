"""What every app's access helpers share: finding one of the user's objects by its code.
Each app's ``access.py`` scopes the queryset to the requesting user first."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404


def get_by_code(queryset: QuerySet, code: UUID | str, what: str):
    """The object of ``queryset`` with this code; anything else (a missing object,
    someone else's, text that is no code at all) is the same 404."""
    try:
        return queryset.get(code=code)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404(f"No such {what}.") from None


def find_by_code(queryset: QuerySet, code_prefix: str, what: str):
    """The one object of ``queryset`` whose code is this, or starts with this (4+ hex
    characters, with or without the dashes), as people type codes on the command line."""
    prefix = code_prefix.strip().lower().replace("-", "")
    if len(prefix) < 4 or len(prefix) > 32 or any(c not in "0123456789abcdef" for c in prefix):
        raise Http404(f"No such {what}.")
    # A UUID's text has dashes after characters 8, 12, 16 and 20 (PostgreSQL compares it so).
    dashed = "-".join(prefix[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32)))
    matches = list(queryset.filter(code__startswith=dashed.rstrip("-"))[:2])
    if len(matches) != 1:
        raise Http404(f"No such {what}." if not matches else f"That code matches several {what}s.")
    return matches[0]
