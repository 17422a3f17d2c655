"""Challenges, goals and stats: parse, call ``challenges.services``, answer with
``challenges.schemas``."""

from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from nomentum.api.core import BODY_FORMS, ERRORS, writable
from nomentum.challenges import services
from nomentum.challenges.access import get_challenge_for_user, get_goal_for_user
from nomentum.challenges.forms import ChallengeForm, GoalForm, RestForm
from nomentum.challenges.schemas import (
    CatchUpIn,
    ChallengeIn,
    ChallengeList,
    ChallengeOut,
    GoalIn,
    GoalOut,
    RestIn,
    RestOut,
    StatsOut,
)
from nomentum.errors import valid
from nomentum.forms import form_data
from nomentum.http import AuthedRequest

router = Router(tags=["challenges"])
BODY_FORMS.update(challenge=ChallengeForm, goal_in=GoalForm, rest_in=RestForm)


@router.get("/challenges", response={200: ChallengeList, **ERRORS})
def list_challenges(request: AuthedRequest):
    """Your challenges with their pace, stage and goals."""
    found = services.progress(request.user)
    return Status(200, {"challenges": [ChallengeOut.of(p) for p in found]})


@router.post("/challenges", response={201: ChallengeOut, **ERRORS})
def start_challenge(request: AuthedRequest, challenge: ChallengeIn):
    """Start a challenge from a template (`100-in-30`, `1000-in-365`, `monthly-group`,
    `custom`); what you leave out takes the template's defaults."""
    writable(request)
    given = challenge.dict()
    template = given.pop("template")
    form = ChallengeForm.for_template(request.user, template, given, timezone.localdate())
    [progress] = services.progress(
        request.user, [services.start_challenge(request.user, valid(form))]
    )
    return Status(201, ChallengeOut.of(progress))


@router.get("/challenges/{code}", response={200: ChallengeOut, **ERRORS})
def get_challenge(request: AuthedRequest, code: str):
    challenge = get_challenge_for_user(request.user, code)
    [progress] = services.progress(request.user, [challenge])
    return Status(200, ChallengeOut.of(progress))


@router.post("/challenges/{code}/goals", response={201: GoalOut, **ERRORS})
def add_goal(request: AuthedRequest, code: str, goal_in: GoalIn):
    """A SMART goal: `count` of `metric` (no, yes, attempt) per `period` (day, week,
    month), optionally about a category or a keyword. A goal far above your best week
    is refused unless `confirm` is true."""
    writable(request)
    challenge = get_challenge_for_user(request.user, code)
    form = GoalForm.for_user(request.user, challenge, form_data(goal_in.dict()))
    goal = services.add_goal(challenge, valid(form))
    return Status(201, GoalOut.of(services.goal_progress(goal)))


@router.delete("/goals/{code}", response={204: None, **ERRORS})
def remove_goal(request: AuthedRequest, code: str):
    writable(request)
    services.remove_goal(get_goal_for_user(request.user, code))
    return Status(204, None)


@router.get("/stats", response={200: StatsOut, **ERRORS}, tags=["insights"])
def stats(request: AuthedRequest):
    """Totals, the yes rate and your current challenges with their pace (as `nomentum
    stats --json`)."""
    return Status(200, StatsOut.of(services.stats(request.user)))


@router.post("/challenges/{code}/catch-up", response={200: ChallengeOut, **ERRORS})
def catch_up(request: AuthedRequest, code: str, catch_up: CatchUpIn):
    """Take the offer of a challenge whose gap is more than a humane week closes
    (`catch_up` in its pace): `extend` its end or `lower` its target. A 422 when there
    is no such gap."""
    writable(request)
    challenge = get_challenge_for_user(request.user, code)
    services.catch_up(challenge, catch_up.how, timezone.localdate())
    [progress] = services.progress(request.user, [challenge])
    return Status(200, ChallengeOut.of(progress))


@router.post("/rest", response={200: RestOut, **ERRORS})
def rest(request: AuthedRequest, rest_in: RestIn):
    """Rest days from `date` (default today) for `days` (default 1, up to 30): running
    challenges' lines wait over them (their end moves, or their target drops, as each
    challenge's `on_rest` says) and the streak keeps."""
    writable(request)
    today = timezone.localdate()
    form = RestForm(form_data(rest_in.dict()), today=today)
    data = valid(form)
    new = services.take_rest(request.user, data)
    return Status(200, {"rest_days": new, "message": services.rest_message(new, data, today)})
