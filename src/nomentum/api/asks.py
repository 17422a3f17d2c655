"""Asks, contacts, follow-ups and the guard: parse, call ``asks.services``, answer with
``asks.schemas``."""

from typing import Annotated, Literal

from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from nomentum.accounts.models import IDEMPOTENCY_KEY_MAX
from nomentum.api.core import BODY_FORMS, ERRORS, writable
from nomentum.asks import services
from nomentum.asks.access import (
    contacts_for_user,
    find_ask_for_user,
    get_ask_for_user,
    get_contact_for_user,
    get_followup_for_user,
    get_pitch_for_user,
)
from nomentum.asks.forms import AskForm, ContactForm, OutcomeForm, PitchForm
from nomentum.asks.schemas import (
    AskIn,
    AskOut,
    AskPage,
    AskPatch,
    AskSaved,
    ContactDetail,
    ContactOut,
    ContactPage,
    ContactPatch,
    FollowUpList,
    FollowUpOut,
    GuardIn,
    GuardOut,
    MergeIn,
    OutcomeIn,
    PitchIn,
    PitchOut,
    PitchPatch,
    SnoozeIn,
)
from nomentum.errors import valid
from nomentum.forms import form_data
from nomentum.http import AuthedRequest
from nomentum.schemas import Date, extended

router = Router()
BODY_FORMS.update(
    ask=AskForm,
    ask_changes=AskForm,
    answer=OutcomeForm,
    contact_changes=ContactForm,
    pitch=PitchForm,
    pitch_changes=PitchForm,
)
PITCHES = ["pitches"]
FOLLOW_UPS = ["follow-ups"]
SETTLED = {200: FollowUpOut, **ERRORS}
MAX_PAGE = 500
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="items to skip")]


@router.get("/asks", response={200: AskPage, **ERRORS}, tags=["asks"])
def list_asks(
    request: AuthedRequest,
    outcome: str = "",
    since: Date | None = None,
    order: Literal["newest", "oldest"] = "newest",
    limit: Limit = 50,
    offset: Offset = 0,
):
    """Your asks (not the self-rejections), newest first or `order=oldest`; `count` is
    the number of all matching asks, `items` one page of them."""
    found = services.list_asks(request.user, outcome, since, order == "oldest")
    return Status(200, {"count": found.count(), "items": list(found[offset : offset + limit])})


@router.post("/asks", response={201: AskSaved, 200: AskSaved, **ERRORS}, tags=["asks"])
def create_ask(request: AuthedRequest, ask: AskIn):
    """Log an ask. Send an `Idempotency-Key` header (up to 100 characters) to make a retry
    safe: the same key with the same body returns the ask the first request made (status
    200 instead of 201), also while the first is still being written; the same key with
    another body is a 422."""
    writable(request)
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > IDEMPOTENCY_KEY_MAX:
        raise HttpError(400, services.KEY_TOO_LONG)
    data = valid(AskForm(form_data(ask.dict())))
    if not key:
        return Status(201, AskSaved.of(services.log_ask(request.user, data)))
    saved = services.log_ask_once(request.user, data, key, services.fingerprint(ask.dict()))
    return Status(200 if saved.replayed else 201, AskSaved.of(saved))


@router.get("/asks/{code}", response={200: AskOut, **ERRORS}, tags=["asks"])
def get_ask(request: AuthedRequest, code: str):
    return Status(200, get_ask_for_user(request.user, code))


@router.patch("/asks/{code}", response={200: AskSaved, **ERRORS}, tags=["asks"])
def update_ask(request: AuthedRequest, code: str, ask_changes: AskPatch):
    """Change some fields of an ask; the others keep their values."""
    writable(request)
    ask = get_ask_for_user(request.user, code)
    form = AskForm.for_changes(ask, ask_changes.dict(exclude_unset=True))
    return Status(200, AskSaved.of(services.update_ask(ask, valid(form))))


@router.delete("/asks/{code}", response={204: None, **ERRORS}, tags=["asks"])
def delete_ask(request: AuthedRequest, code: str):
    writable(request)
    services.delete_ask(get_ask_for_user(request.user, code))
    return Status(204, None)


@router.post("/asks/{code}/outcome", response={200: AskSaved, **ERRORS}, tags=["asks"])
def record_outcome(request: AuthedRequest, code: str, answer: OutcomeIn):
    """Record the answer, and what a no taught (objections, who else, a later date).
    The code may be shortened to its first 4 or more characters."""
    writable(request)
    data = valid(OutcomeForm(form_data(answer.dict())))
    ask = find_ask_for_user(request.user, code)
    return Status(200, AskSaved.of(services.record_answer(ask, data)))


@router.post("/guard", response={200: GuardOut, **ERRORS}, tags=["coach"])
def guard(request: AuthedRequest, prospect: GuardIn):
    """Run the ethics guard on a prospective ask (nothing is saved)."""
    return Status(200, services.guard_ask(request.user, prospect.text, prospect.to))


@router.get("/contacts", response={200: ContactPage, **ERRORS}, tags=["contacts"])
def list_contacts(request: AuthedRequest, q: str = "", limit: Limit = 50, offset: Offset = 0):
    """The people and companies you have asked, by name; `q` searches the names."""
    found = contacts_for_user(request.user).select_related("company", "referred_by")
    found = found.order_by("name", "id")
    if q.strip():
        found = found.filter(name__icontains=q.strip())
    return Status(200, {"count": found.count(), "items": list(found[offset : offset + limit])})


@router.get("/contacts/{code}", response={200: ContactDetail, **ERRORS}, tags=["contacts"])
def get_contact(request: AuthedRequest, code: str):
    """A contact, your asks to them and whether the guard lets you ask them today."""
    return Status(200, _detail(get_contact_for_user(request.user, code)))


def _detail(contact):
    return extended(
        ContactDetail,
        ContactOut.from_orm(contact),
        asks=[AskOut.from_orm(a) for a in services.asks_to(contact)],
        may_ask_today=GuardOut.from_orm(services.may_ask(contact)),
    )


@router.patch("/contacts/{code}", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def update_contact(request: AuthedRequest, code: str, contact_changes: ContactPatch):
    writable(request)
    contact = get_contact_for_user(request.user, code)
    form = ContactForm.for_changes(contact, contact_changes.dict(exclude_unset=True))
    return Status(200, services.update_contact(contact, valid(form)))


@router.post("/contacts/{code}/merge", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def merge_contact(request: AuthedRequest, code: str, merge: MergeIn):
    """Fold the contact `other` into this one: its asks and follow-ups move over."""
    writable(request)
    keep = get_contact_for_user(request.user, code)
    other = get_contact_for_user(request.user, merge.other)
    return Status(200, services.merge_contacts(keep, other))


@router.get("/followups", response={200: FollowUpList, **ERRORS}, tags=["follow-ups"])
def list_followups(request: AuthedRequest, all: bool = False):
    """Open follow-ups due today or earlier (`all=true`: every open one)."""
    found = list(services.open_followups(request.user, due_only=not all))
    return Status(200, {"count": len(found), "followups": found})


@router.post("/followups/{code}/done", response=SETTLED, tags=FOLLOW_UPS)
def followup_done(request: AuthedRequest, code: str):
    writable(request)
    followup = get_followup_for_user(request.user, code)
    return Status(200, services.settle_followup(followup, "done"))


@router.post("/followups/{code}/snooze", response=SETTLED, tags=FOLLOW_UPS)
def followup_snooze(request: AuthedRequest, code: str, snooze: SnoozeIn):
    writable(request)
    followup = get_followup_for_user(request.user, code)
    return Status(200, services.settle_followup(followup, "snooze", snooze.until))


@router.post("/followups/{code}/dismiss", response=SETTLED, tags=FOLLOW_UPS)
def followup_dismiss(request: AuthedRequest, code: str):
    writable(request)
    followup = get_followup_for_user(request.user, code)
    return Status(200, services.settle_followup(followup, "dismiss"))


@router.get("/pitches", response={200: list[PitchOut], **ERRORS}, tags=PITCHES)
def list_pitches(request: AuthedRequest):
    """Your pitches (the versions of your message), in use first, with how each was
    answered; the Insights rank them with intervals."""
    return Status(200, list(services.pitches_with_counts(request.user)))


@router.post("/pitches", response={201: PitchOut, **ERRORS}, tags=PITCHES)
def create_pitch(request: AuthedRequest, pitch: PitchIn):
    """A new pitch. To copy and edit one, send its text with a new name."""
    writable(request)
    form = PitchForm(form_data(pitch.dict()), owner=request.user)
    return Status(201, services.save_pitch(request.user, valid(form)))


@router.patch("/pitches/{code}", response={200: PitchOut, **ERRORS}, tags=PITCHES)
def update_pitch(request: AuthedRequest, code: str, pitch_changes: PitchPatch):
    """Rename a pitch, change its message, or retire it (`retired`: true) or bring it back."""
    writable(request)
    pitch = get_pitch_for_user(request.user, code)
    changes = pitch_changes.dict(exclude_unset=True)
    retired = changes.pop("retired", None)
    if changes:
        data = {"name": pitch.name, "text": pitch.text} | changes
        form = PitchForm(form_data(data), instance=pitch, owner=request.user)
        services.save_pitch(request.user, valid(form), pitch)
    if retired is not None:
        services.retire_pitch(pitch, retired)
    return Status(200, services.pitches_with_counts(request.user).get(pk=pitch.pk))
