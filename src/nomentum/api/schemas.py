from datetime import date as Date

from ninja import Schema


class AskIn(Schema):
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


class AskPatch(Schema):
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
    celebration: str | None = None


class AskPage(Schema):
    count: int
    items: list[AskOut]


class OutcomeIn(Schema):
    outcome: str
    sting_after: int | None = None
    lesson: str = ""
    objections: list[str] = []
    missing_skill: str = ""
    who_else: str = ""
    invited_after: Date | None = None


class GuardIn(Schema):
    text: str
    to: str = ""


class GuardOut(Schema):
    allowed: bool
    reasons: list[str]
    rules: list[str]
    alternative: str


class IdeaOut(Schema):
    text: str
    tier: str
    area: str


class Error(Schema):
    detail: str
