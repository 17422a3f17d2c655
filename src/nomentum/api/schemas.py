import re
from datetime import date
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict


def _iso_date(value):
    """Dates come as text like 2026-11-22 (pydantic alone would take 0 as 1970-01-01)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("Use a date like 2026-11-22.")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Date = Annotated[date, BeforeValidator(_iso_date)]


class In(Schema):
    """A request body: JSON types as the schema says (no "5" for 5, no 0 for false)."""

    model_config = ConfigDict(strict=True)


class AskIn(In):
    request: str
    to: str = ""
    method: str = ""
    category: str = ""
    tier: str = ""
    outcome: str = "pending"
    date: Date | None = None
    fear_before: int | None = None
    sting_after: int | None = None
    lessons: str = ""
    follow_up: str = ""
    notes: str = ""
    game_changer: bool = False
    self_rejection: bool = False
    override: bool = False  # "this is fine, log it anyway" for the text rules


class AskPatch(In):
    request: str | None = None
    to: str | None = None
    method: str | None = None
    category: str | None = None
    tier: str | None = None
    outcome: str | None = None
    date: Date | None = None
    fear_before: int | None = None
    sting_after: int | None = None
    lessons: str | None = None
    follow_up: str | None = None
    notes: str | None = None
    game_changer: bool | None = None


class AskOut(Schema):
    code: str
    date: str
    request: str
    to: str
    person: str | None
    company: str | None
    method: str | None
    outcome: str
    lessons: str
    follow_up: str
    tier: str | None
    category: str | None
    fear_before: int | None
    sting_after: int | None
    game_changer: bool
    notes: str
    self_rejection: bool
    answered_on: str | None


class AskSaved(AskOut):
    celebration: str | None  # a message for a milestone, or null


class AskPage(Schema):
    count: int
    items: list[AskOut]


class OutcomeIn(In):
    outcome: str
    sting_after: int | None = None
    lesson: str = ""
    objections: list[str] = []
    missing_skill: str = ""
    who_else: str = ""
    invited_after: Date | None = None


class GuardIn(In):
    text: str
    to: str = ""


class IdeaOut(Schema):
    text: str
    tier: str
    area: str


class Error(Schema):
    detail: str


class GuardOut(Schema):
    allowed: bool
    reasons: list[str]
    rules: list[str]
    alternative: str


class ContactOut(Schema):
    code: str
    name: str
    kind: str
    company: str | None
    email: str
    handle: str
    notes: str
    do_not_contact: bool
    referred_by: str | None


class ContactPage(Schema):
    count: int
    items: list[ContactOut]


class ContactDetail(ContactOut):
    asks: list[AskOut]
    may_ask_today: GuardOut


class ContactPatch(In):
    name: str | None = None
    email: str | None = None
    handle: str | None = None
    notes: str | None = None
    do_not_contact: bool | None = None


class MergeIn(In):
    other: str  # the code of the contact folded into this one


class FollowUpOut(Schema):
    code: str
    due: Date
    kind: str
    status: str
    text: str
    to: str
    ask: str | None


class FollowUpList(Schema):
    count: int
    followups: list[FollowUpOut]


class SnoozeIn(In):
    until: Date


class ChallengeOut(Schema):
    code: str
    name: str
    template: str
    target: int
    counted: int
    counts: str
    categories: list[str]
    start: Date
    end: Date
    status: str
    pace: str
    stage: int | None
    stage_name: str | None
    on_track: bool
    needed_this_week: int
    days_left: int
    projected_finish: Date | None
    goals: list[dict]


class ChallengeList(Schema):
    challenges: list[ChallengeOut]


class ChallengeIn(In):
    template: str
    name: str | None = None
    target: int | None = None
    start: Date | None = None
    days: int | None = None
    counts: str | None = None
    categories: list[str] = []
    weekly_goal: int | None = None


class GoalIn(In):
    count: int
    metric: str = "no"
    period: str = "week"
    category: str = ""
    keyword: str = ""
    confirm: bool = False  # keep a goal that looks unrealistic


class GoalCreated(Schema):
    code: str
    goal: str
    challenge: str


class PlanIdea(Schema):
    code: str
    text: str
    tier: str
    area: str
    done: bool


class PlanWeek(Schema):
    week: int
    target: int
    ideas: list[PlanIdea]


class PlanOut(Schema):
    code: str
    start: Date
    source: str
    note: str
    weeks: list[PlanWeek]


class PlanIn(In):
    areas: list[str] | None = None
    fears: list[str] | None = None
    fear_text: str | None = None
    comfort: int | None = None
    weeks: int | None = None
    target: int | None = None
    seed: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None  # same seed, same plan


class PlanItemIn(In):
    done: bool


class PlanItemOut(Schema):
    code: str
    text: str
    done: bool


class ImportProblem(Schema):
    row: int
    problems: list[str]


class ImportOut(Schema):
    mapping: dict[str, str]
    ignored: list[str]
    source: str | None  # "JobSync" or "Loop Habit Tracker" for their exports
    new: int
    duplicates: int
    imported: int
    problems: list[ImportProblem]


class TokenIn(In):
    name: str = ""
    read_only: bool = False


class TokenOut(Schema):
    id: str
    token: str
    read_only: bool


class TokenInfo(Schema):
    id: str
    name: str
    read_only: bool
    created: str
    last_used_on: Date | None


class Revoked(Schema):
    id: str
    revoked: bool


class GroupIn(In):
    name: str
    start: Date | None = None
    end: Date | None = None
    template: str | None = None
    weekly_goal: int | None = None
    description: str | None = None
    on_board: bool = False


class JoinIn(In):
    code: str  # the invite code
    weekly_goal: int | None = None
    on_board: bool = False


class Counts(Schema):
    attempts: int
    nos: int
    yeses: int


class GroupOut(Schema):
    code: str
    name: str
    template: str
    start: Date
    end: Date
    weeks: int
    closed: bool
    role: str
    invite_code: str | None
    weekly_goal: int
    target: int
    on_board: bool
    you: Counts


class GroupList(Schema):
    groups: list[GroupOut]


class BoardRow(Schema):
    rank: int
    name: str
    nos: int
    attempts: int
    yeses: int
    progress: int
    you: bool


class BoardOut(Schema):
    group: str
    code: str
    by: str
    shown: bool  # false until three members show their counts
    reason: str
    count: int
    page: int
    pages: int
    rows: list[BoardRow]


class FeedItem(Schema):
    id: int
    kind: str
    who: str
    when: str
    text: str
    cheers: int
    cheered: bool
    mine: bool
    value: int | None = None
    to: str | None = None
    outcome: str | None = None
    date: str | None = None


class FeedOut(Schema):
    group: str
    items: list[FeedItem]


class Milestone(Schema):
    name: str
    value: int


class SummaryOut(Schema):
    group: str
    members: int
    counted: int
    attempts: int
    nos: int
    yeses: int
    weeks: list[dict]
    milestones: list[Milestone]
