"""The one shape of an ask, a contact and a follow-up: what the API answers, every
``--json`` prints and the account export writes. Built from model instances."""

import datetime as dt

from ninja import Field, Schema

from nomentum.asks.forms import AskForm, ContactForm, OutcomeForm, PitchForm
from nomentum.schemas import SOMETHING, Date, In, checked_as, extended


class AskIn(In):
    request: str = checked_as(AskForm, "request", pattern=SOMETHING)
    to: str = checked_as(AskForm, "to", default="")
    method: str = checked_as(AskForm, "method", default="")
    pitch: str = checked_as(AskForm, "pitch", default="")
    category: str = checked_as(AskForm, "category", default="")
    tier: str = checked_as(AskForm, "tier", default="")
    outcome: str = checked_as(OutcomeForm, "outcome", default="pending")
    date: Date | None = Field(None, description="the day you asked; not in the future")
    fear_before: int | None = checked_as(AskForm, "fear_before", default=None)
    sting_after: int | None = checked_as(AskForm, "sting_after", default=None)
    lessons: str = ""
    lesson_starred: bool = False
    worst_case: str = ""
    best_case: str = ""
    follow_up: str = ""
    notes: str = ""
    game_changer: bool = False
    self_rejection: bool = False
    override: bool = False  # "this is fine, log it anyway" for the text rules


class AskPatch(In):
    request: str | None = checked_as(AskForm, "request", True, default=None, pattern=SOMETHING)
    to: str | None = checked_as(AskForm, "to", True, default=None)
    method: str | None = checked_as(AskForm, "method", True, default=None)
    pitch: str | None = checked_as(AskForm, "pitch", True, default=None)
    category: str | None = checked_as(AskForm, "category", True, default=None)
    tier: str | None = checked_as(AskForm, "tier", True, default=None)
    outcome: str | None = checked_as(OutcomeForm, "outcome", True, default=None)
    date: Date | None = Field(None, description="the day you asked; not in the future")
    fear_before: int | None = checked_as(AskForm, "fear_before", default=None)
    sting_after: int | None = checked_as(AskForm, "sting_after", default=None)
    lessons: str | None = None
    lesson_starred: bool | None = None
    worst_case: str | None = None
    best_case: str | None = None
    follow_up: str | None = None
    notes: str | None = None
    game_changer: bool | None = None
    override: bool | None = None


class AskOut(Schema):
    code: str
    date: dt.date
    request: str
    to: str
    person: str | None
    company: str | None
    method: str | None
    pitch: str | None  # the name of the message version used
    outcome: str
    lessons: str
    lesson_starred: bool
    worst_case: str
    best_case: str
    follow_up: str
    tier: str | None
    category: str | None
    fear_before: int | None
    sting_after: int | None
    game_changer: bool
    notes: str
    self_rejection: bool
    answered_on: dt.date | None
    objections: list[str]
    missing_skill: str
    who_else: str | None  # the contact they suggested asking instead
    invited_after: dt.date | None
    guard_override: list[str]  # text rules judged wrong for this ask ("log it anyway")

    @staticmethod
    def resolve_code(ask) -> str:
        return str(ask.code)

    @staticmethod
    def resolve_pitch(ask) -> str | None:
        return ask.pitch.name if ask.pitch else None

    @staticmethod
    def resolve_person(ask) -> str | None:
        return ask.person.name if ask.person else None

    @staticmethod
    def resolve_company(ask) -> str | None:
        return ask.company.name if ask.company else None

    @staticmethod
    def resolve_method(ask) -> str | None:
        return ask.method or None

    @staticmethod
    def resolve_tier(ask) -> str | None:
        return ask.tier or None

    @staticmethod
    def resolve_category(ask) -> str | None:
        return ask.category or None

    @staticmethod
    def resolve_who_else(ask) -> str | None:
        return ask.referral.name if ask.referral else None


class AskSaved(AskOut):
    celebration: str | None  # a message for a milestone, or null

    @staticmethod
    def of(saved) -> "AskSaved":
        """A logged ask; an idempotent retry's (``saved.replayed``) celebrates nothing."""
        message = saved.celebration.message if saved.celebration else None
        return extended(AskSaved, AskOut.from_orm(saved.ask), celebration=message)


class AskPage(Schema):
    count: int
    items: list[AskOut]


class OutcomeIn(In):
    outcome: str = checked_as(OutcomeForm, "outcome")
    sting_after: int | None = checked_as(OutcomeForm, "sting_after", default=None)
    lesson: str = checked_as(OutcomeForm, "lesson", default="")
    objections: list[str] = checked_as(OutcomeForm, "objections", default=[])
    missing_skill: str = checked_as(OutcomeForm, "missing_skill", default="")
    who_else: str = checked_as(OutcomeForm, "who_else", default="")
    invited_after: Date | None = None


class GuardIn(In):
    text: str
    to: str = ""


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

    @staticmethod
    def resolve_code(contact) -> str:
        return str(contact.code)

    @staticmethod
    def resolve_company(contact) -> str | None:
        return contact.company.name if contact.company else None

    @staticmethod
    def resolve_referred_by(contact) -> str | None:
        return contact.referred_by.name if contact.referred_by else None


class ContactPage(Schema):
    count: int
    items: list[ContactOut]


class ContactDetail(ContactOut):
    asks: list[AskOut]
    may_ask_today: GuardOut


class ContactPatch(In):
    name: str | None = checked_as(ContactForm, "name", default=None, pattern=SOMETHING)
    email: str | None = checked_as(ContactForm, "email", default=None)
    handle: str | None = checked_as(ContactForm, "handle", default=None)
    notes: str | None = None
    do_not_contact: bool | None = None


class MergeIn(In):
    other: str  # the code of the contact folded into this one


class FollowUpOut(Schema):
    code: str
    due: dt.date
    kind: str
    status: str
    text: str
    to: str
    ask: str | None

    @staticmethod
    def resolve_code(followup) -> str:
        return str(followup.code)

    @staticmethod
    def resolve_to(followup) -> str:
        if followup.ask:
            return followup.ask.to
        return followup.contact.name if followup.contact else ""

    @staticmethod
    def resolve_ask(followup) -> str | None:
        return str(followup.ask.code) if followup.ask else None


class FollowUpList(Schema):
    count: int
    followups: list[FollowUpOut]


class SnoozeIn(In):
    until: Date


class PitchOut(Schema):
    """A version of your message, and how the asks made with it were answered."""

    code: str
    name: str
    text: str
    retired: bool
    asks: int = Field(description="asks made with this pitch")
    settled: int = Field(description="of those, answered or silent")
    replied: int = Field(description="of those, answered (yes, no or partial)")
    yes: int

    @staticmethod
    def resolve_code(pitch) -> str:
        return str(pitch.code)

    @staticmethod
    def resolve_asks(pitch) -> int:
        return getattr(pitch, "n", 0)

    @staticmethod
    def resolve_settled(pitch) -> int:
        return getattr(pitch, "settled", 0)

    @staticmethod
    def resolve_replied(pitch) -> int:
        return getattr(pitch, "replied", 0)

    @staticmethod
    def resolve_yes(pitch) -> int:
        return getattr(pitch, "yes", 0)


class PitchIn(In):
    name: str = checked_as(PitchForm, "name", pattern=SOMETHING)
    text: str = ""


class PitchPatch(In):
    name: str | None = checked_as(PitchForm, "name", default=None, pattern=SOMETHING)
    text: str | None = None
    retired: bool | None = Field(None, description="retired pitches keep their asks")
