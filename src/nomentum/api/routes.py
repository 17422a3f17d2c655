"""The endpoints. Each is a thin door onto ``nomentum.operations``: the same
validation, access rules and answers as the CLI (and the web pages' forms)."""

from datetime import date
from typing import Annotated, Literal

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from ninja import File, Form, Query, UploadedFile
from ninja.responses import Status

from nomentum import operations as ops
from nomentum.accounts.models import IdempotencyKey
from nomentum.api.core import api, writable
from nomentum.api.schemas import (
    AskIn,
    AskOut,
    AskPage,
    AskPatch,
    AskSaved,
    BoardOut,
    ChallengeIn,
    ChallengeList,
    ChallengeOut,
    ContactDetail,
    ContactOut,
    ContactPage,
    ContactPatch,
    Date,
    Error,
    FeedOut,
    FollowUpList,
    FollowUpOut,
    GoalCreated,
    GoalIn,
    GroupIn,
    GroupList,
    GroupOut,
    GuardIn,
    GuardOut,
    IdeaOut,
    ImportOut,
    JoinIn,
    MergeIn,
    OutcomeIn,
    PlanIn,
    PlanItemIn,
    PlanItemOut,
    PlanOut,
    Revoked,
    SnoozeIn,
    SummaryOut,
    TokenIn,
    TokenInfo,
    TokenOut,
)
from nomentum.asks import services
from nomentum.asks.access import get_ask_for_user
from nomentum.asks.forms import AskForm
from nomentum.asks.serialize import ask_as_dict
from nomentum.http import AuthedRequest
from nomentum.operations import form_data

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}
MAX_PAGE = 500


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="items to skip")]


# Asks ------------------------------------------------------------------------


@api.get("/asks", response={200: AskPage, **ERRORS}, tags=["asks"])
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
    found = ops.list_asks(request.user, outcome, since, order == "oldest", limit, offset)
    return Status(200, {"count": found["count"], "items": found["asks"]})


@api.post("/asks", response={201: AskSaved, 200: AskSaved, **ERRORS}, tags=["asks"])
def create_ask(request: AuthedRequest, payload: AskIn):
    """Log an ask. Send an `Idempotency-Key` header to make a retry safe: the same key
    returns the ask the first request made (status 200 instead of 201)."""
    writable(request)
    key = request.headers.get("Idempotency-Key", "")[:100]
    if key:
        earlier = IdempotencyKey.objects.filter(user=request.user, key=key).first()
        if earlier is not None and earlier.ask is not None:
            return Status(200, ask_as_dict(earlier.ask) | {"celebration": None})
    with transaction.atomic():
        created = ops.log_ask(request.user, form_data(payload.dict()))
        if key:
            try:
                with transaction.atomic():
                    IdempotencyKey.objects.create(
                        user=request.user, key=key, ask_id=_ask_id(request, created)
                    )
            except IntegrityError:  # a concurrent retry won: keep its ask, drop this one
                transaction.set_rollback(True)
                first = IdempotencyKey.objects.select_related("ask").get(user=request.user, key=key)
                if first.ask is not None:
                    return Status(200, ask_as_dict(first.ask) | {"celebration": None})
                raise
    return Status(201, created)


def _ask_id(request: AuthedRequest, created: dict) -> int:
    return get_ask_for_user(request.user, created["code"]).pk


@api.get("/asks/{code}", response={200: AskOut, **ERRORS}, tags=["asks"])
def get_ask(request: AuthedRequest, code: str):
    return Status(200, ask_as_dict(get_ask_for_user(request.user, code)))


@api.patch("/asks/{code}", response={200: AskSaved, **ERRORS}, tags=["asks"])
def update_ask(request: AuthedRequest, code: str, payload: AskPatch):
    """Change some fields of an ask; the others keep their values."""
    writable(request)
    ask = get_ask_for_user(request.user, code)
    current = {field: getattr(ask, field) for field in AskPatch.model_fields}
    current["self_rejection"] = ask.self_rejection
    changes = payload.dict(exclude_unset=True)
    form = AskForm(form_data({**current, **changes}), instance=ask)
    if not form.is_valid():
        raise ops.Invalid(form.errors)
    return Status(200, ops.ask_out(services.update_ask(ask, form.cleaned_data)))


@api.delete("/asks/{code}", response={204: None, **ERRORS}, tags=["asks"])
def delete_ask(request: AuthedRequest, code: str):
    writable(request)
    services.delete_ask(get_ask_for_user(request.user, code))
    return Status(204, None)


@api.post("/asks/{code}/outcome", response={200: AskSaved, **ERRORS}, tags=["asks"])
def record_outcome(request: AuthedRequest, code: str, payload: OutcomeIn):
    """Record the answer, and what a no taught (objections, who else, a later date).
    The code may be shortened to its first 4 or more characters."""
    writable(request)
    data = payload.dict()
    objections = data.pop("objections")
    return Status(
        200, ops.record_outcome(request.user, code, form_data(data) | {"objections": objections})
    )


# Contacts --------------------------------------------------------------------


@api.get("/contacts", response={200: ContactPage, **ERRORS}, tags=["contacts"])
def list_contacts(request: AuthedRequest, q: str = "", limit: Limit = 50, offset: Offset = 0):
    """The people and companies you have asked, by name; `q` searches the names."""
    return Status(200, ops.contacts(request.user, q, limit, offset))


@api.get("/contacts/{code}", response={200: ContactDetail, **ERRORS}, tags=["contacts"])
def get_contact(request: AuthedRequest, code: str):
    """A contact, your asks to them and whether the guard lets you ask them today."""
    return Status(200, ops.contact(request.user, code))


@api.patch("/contacts/{code}", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def update_contact(request: AuthedRequest, code: str, payload: ContactPatch):
    writable(request)
    return Status(200, ops.update_contact(request.user, code, payload.dict(exclude_unset=True)))


@api.post("/contacts/{code}/merge", response={200: ContactOut, **ERRORS}, tags=["contacts"])
def merge_contact(request: AuthedRequest, code: str, payload: MergeIn):
    """Fold the contact `other` into this one: its asks and follow-ups move over."""
    writable(request)
    return Status(200, ops.merge_contacts(request.user, code, payload.other))


# Follow-ups ------------------------------------------------------------------


@api.get("/followups", response={200: FollowUpList, **ERRORS}, tags=["follow-ups"])
def list_followups(request: AuthedRequest, all: bool = False):
    """Open follow-ups due today or earlier (`all=true`: every open one)."""
    return Status(200, ops.followups(request.user, all))


@api.post("/followups/{code}/done", response={200: FollowUpOut, **ERRORS}, tags=["follow-ups"])
def followup_done(request: AuthedRequest, code: str):
    writable(request)
    return Status(200, ops.settle_followup(request.user, code, "done"))


@api.post("/followups/{code}/snooze", response={200: FollowUpOut, **ERRORS}, tags=["follow-ups"])
def followup_snooze(request: AuthedRequest, code: str, payload: SnoozeIn):
    writable(request)
    return Status(200, ops.settle_followup(request.user, code, "snooze", payload.until))


@api.post("/followups/{code}/dismiss", response={200: FollowUpOut, **ERRORS}, tags=["follow-ups"])
def followup_dismiss(request: AuthedRequest, code: str):
    writable(request)
    return Status(200, ops.settle_followup(request.user, code, "dismiss"))


# Challenges and goals ----------------------------------------------------------


@api.get("/challenges", response={200: ChallengeList, **ERRORS}, tags=["challenges"])
def list_challenges(request: AuthedRequest):
    """Your challenges with their pace, stage and goals."""
    return Status(200, ops.challenges(request.user))


@api.post("/challenges", response={201: ChallengeOut, **ERRORS}, tags=["challenges"])
def start_challenge(request: AuthedRequest, payload: ChallengeIn):
    """Start a challenge from a template (`100-in-30`, `1000-in-365`, `monthly-group`,
    `custom`); what you leave out takes the template's defaults."""
    writable(request)
    data = payload.dict()
    template = data.pop("template")
    return Status(201, ops.start_challenge(request.user, template, data))


@api.get("/challenges/{code}", response={200: ChallengeOut, **ERRORS}, tags=["challenges"])
def get_challenge(request: AuthedRequest, code: str):
    return Status(200, ops.challenge(request.user, code))


@api.post("/challenges/{code}/goals", response={201: GoalCreated, **ERRORS}, tags=["challenges"])
def add_goal(request: AuthedRequest, code: str, payload: GoalIn):
    """A SMART goal: `count` of `metric` (no, yes, attempt) per `period` (day, week,
    month), optionally about a category or a keyword. A goal far above your best week
    is refused unless `confirm` is true."""
    writable(request)
    return Status(201, ops.add_goal(request.user, code, form_data(payload.dict())))


@api.delete("/goals/{code}", response={204: None, **ERRORS}, tags=["challenges"])
def remove_goal(request: AuthedRequest, code: str):
    writable(request)
    ops.remove_goal(request.user, code)
    return Status(204, None)


# The coach -------------------------------------------------------------------


@api.get("/plan", response={200: PlanOut, **ERRORS}, tags=["coach"])
def get_plan(request: AuthedRequest):
    """Your current plan, week by week."""
    return Status(200, ops.current_plan(request.user))


@api.post("/plan", response={201: PlanOut, **ERRORS}, tags=["coach"])
def make_plan(request: AuthedRequest, payload: PlanIn):
    """A new plan from your answers; answers you leave out are your last plan's."""
    writable(request)
    answers = payload.dict()
    seed = answers.pop("seed")
    return Status(201, ops.make_plan(request.user, answers, seed))


@api.post("/plan/items/{code}", response={200: PlanItemOut, **ERRORS}, tags=["coach"])
def mark_plan_item(request: AuthedRequest, code: str, payload: PlanItemIn):
    """Tick (or untick) an idea of your plan."""
    writable(request)
    return Status(200, ops.mark_plan_item(request.user, code, payload.done))


@api.get("/today", response={200: IdeaOut, **ERRORS}, tags=["coach"])
def today(request: AuthedRequest):
    """One ask idea for today (the same all day)."""
    return Status(200, ops.today(request.user))


@api.post("/guard", response={200: GuardOut, **ERRORS}, tags=["coach"])
def guard(request: AuthedRequest, payload: GuardIn):
    """Run the ethics guard on a prospective ask (nothing is saved)."""
    return Status(200, ops.guard(request.user, payload.text, payload.to))


@api.get("/stats", response={200: dict, **ERRORS}, tags=["insights"])
def stats(request: AuthedRequest):
    """Totals, the yes rate and your current challenges with their pace (as `nomentum
    stats --json`)."""
    return Status(200, ops.stats(request.user))


# Your data -------------------------------------------------------------------


@api.post("/import", response={200: ImportOut, **ERRORS}, tags=["your data"])
def import_file(
    request: AuthedRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    anyway: Form[bool] = False,
):
    """Import a tracking spreadsheet (CSV or XLSX, up to 10 MB): every new row or none.
    `dry_run` checks every row and imports nothing; rows with problems give a 422 that
    lists them, and nothing is imported."""
    if not dry_run:
        writable(request)
    content = file.read()
    name = file.name or ""
    return Status(200, ops.import_file(request.user, content, name, dry_run, anyway))


@api.get(
    "/export",
    response={200: None, **ERRORS},
    tags=["your data"],
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {t.split(";")[0]: {} for t in ops.EXPORT_FORMATS.values()},
            }
        }
    },
)
def export(request: AuthedRequest, format: Literal["csv", "xlsx", "json", "ics"] = "csv"):
    """Your data as a file: `csv` or `xlsx` (your log in the seven spreadsheet columns
    and ours), `json` (everything you own) or `ics` (open follow-ups)."""
    content = ops.export(request.user, format)
    response = HttpResponse(content, content_type=ops.EXPORT_FORMATS[format])
    stamp = date.today().isoformat()
    name = "followups.ics" if format == "ics" else f"nomentum-{stamp}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Tokens ----------------------------------------------------------------------


@api.get("/tokens", response={200: list[TokenInfo], **ERRORS}, tags=["tokens"])
def list_tokens(request: AuthedRequest):
    """Your active tokens (never their secrets)."""
    return Status(
        200,
        [
            {
                "id": str(t.code),
                "name": t.name,
                "read_only": t.read_only,
                "created": t.created_at.isoformat(),
                "last_used_on": t.last_used_on,
            }
            for t in request.user.api_tokens.filter(revoked_at=None)
        ],
    )


@api.post("/tokens", response={201: TokenOut, **ERRORS}, tags=["tokens"])
def create_token(request: AuthedRequest, payload: TokenIn):
    """A new token; its secret is in this answer only."""
    writable(request)
    if len(payload.name) > 60:
        raise ops.Invalid({"name": ["Keep the name under 60 characters."]})
    return Status(201, ops.create_token(request.user, payload.read_only, payload.name))


@api.delete("/tokens/{token_id}", response={200: Revoked, **ERRORS}, tags=["tokens"])
def revoke_token(request: AuthedRequest, token_id: str):
    """Revoke a token by its id (or the id's first 4+ characters)."""
    writable(request)
    return Status(200, ops.revoke_token(request.user, token_id))


# Groups ----------------------------------------------------------------------


@api.get("/groups", response={200: GroupList, **ERRORS}, tags=["groups"])
def list_groups(request: AuthedRequest):
    """The groups you are in, with your own counts."""
    return Status(200, ops.groups(request.user))


@api.post("/groups", response={201: GroupOut, **ERRORS}, tags=["groups"])
def create_group(request: AuthedRequest, payload: GroupIn):
    """Start a group (you organise it); the period defaults to this calendar month."""
    writable(request)
    return Status(201, ops.create_group(request.user, payload.dict()))


@api.post("/groups/join", response={201: GroupOut, **ERRORS}, tags=["groups"])
def join_group(request: AuthedRequest, payload: JoinIn):
    """Join with an invite code; your own challenge for the period starts with it."""
    writable(request)
    return Status(
        201, ops.join_group(request.user, payload.code, payload.weekly_goal, payload.on_board)
    )


@api.get("/groups/{group}/board", response={200: BoardOut, **ERRORS}, tags=["groups"])
def group_board(
    request: AuthedRequest,
    group: str,
    by: Literal["nos", "progress"] = "nos",
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
):
    """The board of a group you are in (by its code or name): ranks and counts of the
    members who chose to show them, once there are three; 50 a page."""
    return Status(200, ops.group_board(request.user, group, by, page))


@api.get("/groups/{group}/feed", response={200: FeedOut, **ERRORS}, tags=["groups"])
def group_feed(request: AuthedRequest, group: str):
    """Milestones, shared asks (whom you asked as initials unless named) and joins."""
    return Status(200, ops.group_feed(request.user, group))


@api.get("/groups/{group}/summary", response={200: SummaryOut, **ERRORS}, tags=["groups"])
def group_summary(request: AuthedRequest, group: str):
    """Totals per week and for the period, of the members who show their counts."""
    return Status(200, ops.group_summary(request.user, group))
