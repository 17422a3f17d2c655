from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from ninja.responses import Status

from nomentum.accounts.models import IdempotencyKey
from nomentum.api.core import FormInvalid, api, writable
from nomentum.api.schemas import (
    AskIn,
    AskOut,
    AskPage,
    AskPatch,
    Error,
    GuardIn,
    GuardOut,
    IdeaOut,
    OutcomeIn,
)
from nomentum.asks import services
from nomentum.asks.access import asks_for_user, find_contacts, get_ask_for_user
from nomentum.asks.forms import AskForm, OutcomeForm
from nomentum.asks.models import Outcome
from nomentum.asks.serialize import ask_as_dict
from nomentum.http import AuthedRequest

ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _form_data(payload: dict) -> dict:
    """Schema values as the form expects them (the one validation for every door)."""
    data = {}
    for key, value in payload.items():
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif value is not None:
            data[key] = value.isoformat() if isinstance(value, date) else value
    return data


def _out(saved) -> dict:
    return {
        **ask_as_dict(saved.ask),
        "celebration": saved.celebration.message if saved.celebration else None,
    }


@api.get("/asks", response={200: AskPage, **ERRORS}, tags=["asks"])
def list_asks(
    request: AuthedRequest,
    outcome: str = "",
    since: date | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Your asks, newest first."""
    if not 1 <= limit <= 500 or offset < 0:
        raise FormInvalid({"limit": ["limit is 1 to 500 and offset 0 or more."]})
    asks = asks_for_user(request.user).filter(self_rejection=False)
    if outcome:
        if outcome not in Outcome.values:
            raise FormInvalid({"outcome": ["Outcome is one of: " + ", ".join(Outcome.values)]})
        asks = asks.filter(outcome=outcome)
    if since:
        asks = asks.filter(date__gte=since)
    items = [ask_as_dict(a) for a in asks[offset : offset + limit]]
    return Status(200, {"count": asks.count(), "items": items})


@api.post("/asks", response={201: AskOut, 200: AskOut, **ERRORS}, tags=["asks"])
def create_ask(request: AuthedRequest, payload: AskIn):
    """Log an ask. Send an `Idempotency-Key` header to make a retry safe: the same key
    returns the ask the first request made."""
    writable(request)
    key = request.headers.get("Idempotency-Key", "")[:100]
    if key:
        earlier = IdempotencyKey.objects.filter(user=request.user, key=key).first()
        if earlier is not None and earlier.ask is not None:
            return Status(200, ask_as_dict(earlier.ask))
    form = AskForm(_form_data(payload.dict()))
    if not form.is_valid():
        raise FormInvalid(form.errors)
    with transaction.atomic():
        saved = services.log_ask(request.user, form.cleaned_data)
        if key:
            try:
                with transaction.atomic():
                    IdempotencyKey.objects.create(user=request.user, key=key, ask=saved.ask)
            except IntegrityError:  # a concurrent retry won: keep its ask, drop this one
                transaction.set_rollback(True)
                first = IdempotencyKey.objects.select_related("ask").get(user=request.user, key=key)
                if first.ask is not None:
                    return Status(200, ask_as_dict(first.ask))
                raise
    return Status(201, _out(saved))


@api.get("/asks/{code}", response={200: AskOut, **ERRORS}, tags=["asks"])
def get_ask(request: AuthedRequest, code: str):
    return Status(200, ask_as_dict(get_ask_for_user(request.user, code)))


@api.patch("/asks/{code}", response={200: AskOut, **ERRORS}, tags=["asks"])
def update_ask(request: AuthedRequest, code: str, payload: AskPatch):
    """Change some fields of an ask; the others keep their values."""
    writable(request)
    ask = get_ask_for_user(request.user, code)
    current = {
        "request": ask.request,
        "to": ask.to,
        "method": ask.method,
        "category": ask.category,
        "tier": ask.tier,
        "outcome": ask.outcome,
        "date": ask.date,
        "fear_before": ask.fear_before,
        "sting_after": ask.sting_after,
        "lessons": ask.lessons,
        "follow_up": ask.follow_up,
        "notes": ask.notes,
        "game_changer": ask.game_changer,
        "self_rejection": ask.self_rejection,
    }
    changes = payload.dict(exclude_unset=True)
    form = AskForm(_form_data({**current, **changes}), instance=ask)
    if not form.is_valid():
        raise FormInvalid(form.errors)
    saved = services.update_ask(ask, form.cleaned_data)
    return Status(200, _out(saved))


@api.delete("/asks/{code}", response={204: None, **ERRORS}, tags=["asks"])
def delete_ask(request: AuthedRequest, code: str):
    writable(request)
    services.delete_ask(get_ask_for_user(request.user, code))
    return Status(204, None)


@api.post("/asks/{code}/outcome", response={200: AskOut, **ERRORS}, tags=["asks"])
def record_outcome(request: AuthedRequest, code: str, payload: OutcomeIn):
    """Record the answer, and what a no taught (objections, who else, a later date)."""
    writable(request)
    ask = get_ask_for_user(request.user, code)
    data = payload.dict()
    form = OutcomeForm(
        _form_data({**data, "objections": None}) | {"objections": data["objections"]}
    )
    if not form.is_valid():
        raise FormInvalid(form.errors)
    return Status(200, _out(form.record(ask)))


@api.get("/stats", response={200: dict, **ERRORS}, tags=["insights"])
def stats(request: AuthedRequest):
    """Totals, the yes rate and your current challenges with their pace (as `nomentum
    stats --json`)."""
    from nomentum.challenges.progress import stats_with_challenges

    summary = stats_with_challenges(request.user, timezone.localdate())[0]
    return Status(200, summary)


@api.post("/guard", response={200: GuardOut, **ERRORS}, tags=["coach"])
def guard(request: AuthedRequest, payload: GuardIn):
    """Run the ethics guard on a prospective ask (nothing is saved)."""
    person, company = find_contacts(request.user, payload.to)
    verdict = services.check_ask(request.user, payload.text, person, company, timezone.localdate())
    return Status(200, verdict.as_dict())


@api.get("/today", response={200: IdeaOut, **ERRORS}, tags=["coach"])
def today(request: AuthedRequest):
    """One ask idea for today."""
    from django.http import Http404

    from nomentum.coach.services import idea_for_today

    idea = idea_for_today(request.user, timezone.localdate())
    if idea is None:
        raise Http404("No ideas left: add your own in the idea library.")
    return Status(200, {"text": idea.text, "tier": idea.tier, "area": idea.area})
