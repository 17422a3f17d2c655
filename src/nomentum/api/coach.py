"""The plan, today's idea: parse, call ``coach.services``, answer with
``coach.schemas``."""

from django.http import Http404
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from nomentum.api.core import BODY_FORMS, ERRORS, writable
from nomentum.coach import services
from nomentum.coach.access import current_plan, get_item_for_user
from nomentum.coach.forms import QuestionnaireForm
from nomentum.coach.schemas import IdeaOut, PlanIdea, PlanIn, PlanItemIn, PlanOut
from nomentum.errors import valid
from nomentum.http import AuthedRequest

router = Router(tags=["coach"])
BODY_FORMS.update(answers=QuestionnaireForm)


@router.get("/plan", response={200: PlanOut, **ERRORS})
def get_plan(request: AuthedRequest):
    """Your current plan, week by week."""
    plan = current_plan(request.user)
    if plan is None:
        raise Http404("No plan yet: answer the questions to make one.")
    return Status(200, plan)


@router.post("/plan", response={201: PlanOut, **ERRORS})
def make_plan(request: AuthedRequest, answers: PlanIn):
    """A new plan from your answers; answers you leave out are your last plan's."""
    writable(request)
    form = QuestionnaireForm.for_answers(current_plan(request.user), answers.dict())
    plan = services.create_plan(request.user, valid(form), timezone.localdate())
    return Status(201, plan)


@router.post("/plan/items/{code}", response={200: PlanIdea, **ERRORS})
def mark_plan_item(request: AuthedRequest, code: str, tick: PlanItemIn):
    """Tick (or untick) an idea of your plan."""
    writable(request)
    item = get_item_for_user(request.user, code)
    return Status(200, services.set_item_done(item, tick.done, timezone.localdate()))


@router.get("/today", response={200: IdeaOut, **ERRORS})
def today(request: AuthedRequest):
    """One ask idea for today (the same all day)."""
    idea = services.idea_for_today(request.user, timezone.localdate())
    if idea is None:
        raise Http404("No ideas left: add your own in the idea library.")
    return Status(200, idea)
