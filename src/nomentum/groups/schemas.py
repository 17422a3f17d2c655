"""The one shape of a group membership, a board, the feed and the summary: for the API,
every ``--json`` and the account export. Built from model instances and the readings
of ``board.py``."""

import datetime as dt

from ninja import Schema

from nomentum.groups.forms import GroupForm, JoinForm
from nomentum.schemas import SOMETHING, Date, In, checked_as


class GroupIn(In):
    name: str = checked_as(GroupForm, "name", pattern=SOMETHING)
    start: Date | None = None
    end: Date | None = None
    template: str | None = checked_as(GroupForm, "template", True, default=None)
    weekly_goal: int | None = checked_as(GroupForm, "weekly_goal", default=None)
    description: str | None = checked_as(GroupForm, "description", default=None)
    member_cap: int | None = checked_as(GroupForm, "member_cap", default=None)
    on_board: bool = False


class JoinIn(In):
    code: str  # the invite code
    weekly_goal: int | None = checked_as(JoinForm, "weekly_goal", default=None)
    on_board: bool = False


class Counts(Schema):
    attempts: int
    nos: int
    yeses: int


class GroupOut(Schema):
    """A group as one member sees it, with their own counts."""

    code: str
    name: str
    template: str
    start: dt.date
    end: dt.date
    weeks: int
    closed: bool
    role: str
    invite: str | None  # the join code while invites are open
    invite_code: str | None  # the same (kept for older scripts)
    weekly_goal: int
    target: int
    on_board: bool
    you: Counts

    @staticmethod
    def of(membership) -> "GroupOut":
        group = membership.group
        invite = group.invite_code if group.invites_open else None
        return GroupOut(
            code=str(group.code),
            name=group.name,
            template=group.template,
            start=group.start,
            end=group.end,
            weeks=group.weeks,
            closed=group.closed,
            role=membership.role,
            invite=invite,
            invite_code=invite,
            weekly_goal=membership.weekly_goal,
            target=membership.target,
            on_board=membership.on_board,
            you=Counts(attempts=membership.attempts, nos=membership.nos, yeses=membership.yeses),
        )


class GroupList(Schema):
    groups: list[GroupOut]


class WeekOut(Schema):
    week: int
    attempts: int
    nos: int
    yeses: int
    manual: bool  # a check-in by hand, not counted from the log


class MembershipRecord(GroupOut):
    """A membership in the account export: the member's weeks, what they shared and
    cheered."""

    weekly_counts: list[WeekOut]
    shared_asks: list[str]  # codes of the asks shared with the group
    cheered: list[int]  # feed items cheered


class BoardRow(Schema):
    rank: int
    name: str
    nos: int
    attempts: int
    yeses: int
    progress: int  # percent of the personal goal
    you: bool


class BoardOut(Schema):
    group: str
    code: str
    members: int  # everyone in the group
    by: str
    shown: bool  # false until three members show their counts
    reason: str
    count: int  # members on the board
    page: int
    pages: int
    board: list[BoardRow] | None  # null while fewer than three show their counts
    rows: list[BoardRow]  # the same rows ([] while there is no board)


class FeedItem(Schema):
    id: int
    kind: str
    who: str
    when: dt.datetime
    text: str
    cheers: int
    cheered: bool
    mine: bool
    value: int | None = None
    to: str | None = None
    outcome: str | None = None
    date: dt.date | None = None


class FeedOut(Schema):
    group: str
    items: list[FeedItem]


class SummaryWeek(Schema):
    week: int
    first: dt.date
    last: dt.date
    attempts: int
    nos: int
    yeses: int


class Milestone(Schema):
    name: str
    value: int


class SummaryOut(Schema):
    group: str
    members: int
    counted: int  # members who show their counts
    shown: bool  # false (and no numbers) until three members show their counts
    reason: str
    attempts: int | None
    nos: int | None
    yeses: int | None
    weeks: list[SummaryWeek]
    milestones: list[Milestone]
