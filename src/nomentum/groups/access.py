"""The only ways views reach groups: through the requesting user's active membership.
A group you are not in (or have left) is a 404, like any other user's object."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from nomentum.accounts.models import User
from nomentum.groups.models import Event, Group, Membership


def memberships_for_user(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, left_at=None).select_related("group")


def get_membership(user: User, code: UUID | str) -> Membership:
    """The user's active membership of the group with this code."""
    try:
        return memberships_for_user(user).get(group__code=code)
    except (Membership.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such group.") from None


def get_organised(user: User, code: UUID | str) -> Membership:
    membership = get_membership(user, code)
    if not membership.is_organiser:
        raise Http404("No such group.")
    return membership


def find_group_by_name(user: User, name: str) -> Membership:
    """The user's group with this name (case-insensitive), for the command line."""
    found = list(memberships_for_user(user).filter(group__name__iexact=name.strip())[:2])
    if not found:
        raise Http404(f"You are in no group called {name!r}.")
    return found[0]


def get_group_by_invite(code: str) -> Group:
    try:
        return Group.objects.get(invite_code=code.strip().upper())
    except Group.DoesNotExist:
        raise Http404("No group has this invite code.") from None


def get_event(membership: Membership, event_id: int | str) -> Event:
    try:
        return Event.objects.get(group=membership.group, pk=event_id)
    except (Event.DoesNotExist, ValueError, TypeError):
        raise Http404("No such item.") from None


def get_member(organiser: Membership, membership_id: int | str) -> Membership:
    try:
        return Membership.objects.select_related("user").get(
            group=organiser.group, pk=membership_id, left_at=None
        )
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404("No such member.") from None


def find_membership(user: User, name_or_code: str) -> Membership:
    """The user's membership of a group named by its code or its name (the CLI's way)."""
    try:
        return get_membership(user, name_or_code)
    except Http404:
        return find_group_by_name(user, name_or_code)
