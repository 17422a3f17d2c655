"""Groups: parse, call ``groups.services`` (and the readings of ``groups.board``),
answer with ``groups.schemas``."""

from typing import Annotated, Literal

from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from nomentum.api.core import BODY_FORMS, ERRORS, writable
from nomentum.errors import valid
from nomentum.forms import form_data
from nomentum.groups import board as reading
from nomentum.groups import services
from nomentum.groups.access import find_membership, get_group_by_invite, memberships_for_user
from nomentum.groups.forms import GroupForm, JoinForm
from nomentum.groups.schemas import (
    BoardOut,
    FeedOut,
    GroupIn,
    GroupList,
    GroupOut,
    JoinIn,
    SummaryOut,
)
from nomentum.http import AuthedRequest

router = Router(tags=["groups"])
BODY_FORMS.update(group_in=GroupForm, joining=JoinForm)


@router.get("/groups", response={200: GroupList, **ERRORS})
def list_groups(request: AuthedRequest):
    """The groups you are in, with your own counts."""
    return Status(200, {"groups": [GroupOut.of(m) for m in memberships_for_user(request.user)]})


@router.post("/groups", response={201: GroupOut, **ERRORS})
def create_group(request: AuthedRequest, group_in: GroupIn):
    """Start a group (you organise it); the period defaults to this calendar month."""
    writable(request)
    form = GroupForm.for_input(group_in.dict(), timezone.localdate())
    return Status(201, GroupOut.of(services.create_group(request.user, valid(form))))


@router.post("/groups/join", response={201: GroupOut, **ERRORS})
def join_group(request: AuthedRequest, joining: JoinIn):
    """Join with an invite code; your own challenge for the period starts with it."""
    writable(request)
    group = get_group_by_invite(joining.code)
    data = valid(JoinForm.for_input(form_data(joining.dict(exclude={"code"}))))
    return Status(201, GroupOut.of(services.join_group(request.user, group, **data)))


@router.get("/groups/{group}/board", response={200: BoardOut, **ERRORS})
def group_board(
    request: AuthedRequest,
    group: str,
    by: Literal["nos", "progress"] = "nos",
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
):
    """The board of a group you are in (by its code or name): ranks and counts of the
    members who chose to show them, once there are three; 50 a page."""
    membership = find_membership(request.user, group)
    return Status(200, reading.board_out(membership.group, membership, by, page))


@router.get("/groups/{group}/feed", response={200: FeedOut, **ERRORS})
def group_feed(request: AuthedRequest, group: str):
    """Milestones, shared asks (whom you asked as initials unless named) and joins."""
    membership = find_membership(request.user, group)
    items = reading.feed(membership.group, membership)
    return Status(200, {"group": membership.group.name, "items": items})


@router.get("/groups/{group}/summary", response={200: SummaryOut, **ERRORS})
def group_summary(request: AuthedRequest, group: str):
    """Totals per week and for the period, of the members who show their counts."""
    membership = find_membership(request.user, group)
    found = reading.summary(membership.group)
    return Status(200, {"group": membership.group.name, **found})
