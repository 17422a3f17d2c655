"""The journal: weekly reflections, the week in review, feedback, a lesson shared with a
group. Parse, call ``journal.services``, answer with ``journal.schemas``. Reflections
are their author's alone: no endpoint shows anyone else's."""

from typing import Annotated

from ninja import Path, Router
from ninja.responses import Status

from nomentum.api.core import ERRORS, PATH_HINTS, writable
from nomentum.groups.access import find_membership
from nomentum.http import AuthedRequest
from nomentum.journal import services
from nomentum.journal.access import get_shared_lesson_for_user
from nomentum.journal.schemas import (
    FeedbackOut,
    ReflectionIn,
    ReflectionOut,
    ReviewOut,
    SharedLessonOut,
    ShareIn,
)
from nomentum.journal.weeks import WEEK_HINT

router = Router(tags=["journal"])
PATH_HINTS.update(week=WEEK_HINT)  # a week in the wrong shape is told how to write one
WeekName = Annotated[
    str,
    Path(
        pattern=r"^(current|[0-9]{4}-W[0-9]{2})$",
        description="a week as YYYY-Www (e.g. 2026-W48), or “current” for this week",
    ),
]


@router.get("/journal/weeks", response={200: list[ReflectionOut], **ERRORS})
def list_reflections(request: AuthedRequest):
    """Your past reflections, newest first (weeks with at least one answer)."""
    return Status(200, services.past_reflections(request.user))


@router.get("/journal/weeks/{week}", response={200: ReflectionOut, **ERRORS})
def read_reflection(request: AuthedRequest, week: WeekName):
    """One week's reflection: every prompt, with your answer or ""."""
    found = services.week_named(request.user, week)
    return Status(200, services.reflection(request.user, found))


@router.patch("/journal/weeks/{week}", response={200: ReflectionOut, **ERRORS})
def save_reflection(request: AuthedRequest, week: WeekName, answers: ReflectionIn):  # type: ignore[valid-type]
    """Save the answers you send (by prompt id); the others stay as they are. An empty
    answer clears that prompt."""
    writable(request)
    found = services.week_named(request.user, week)
    sent = {k: v for k, v in answers.dict().items() if v is not None}  # type: ignore[attr-defined]
    return Status(200, services.save_answers(request.user, found, sent))


@router.get("/journal/weeks/{week}/review", response={200: ReviewOut, **ERRORS})
def week_in_review(request: AuthedRequest, week: WeekName):
    """The week in review: counts, the no's with their lessons, fear and sting against
    the weeks before, follow-ups, next week's plan, suggestions and the reflection."""
    found = services.review(request.user, services.week_named(request.user, week))
    return Status(200, ReviewOut.of(found, services.suggestions(found)))


@router.post("/journal/weeks/{week}/feedback", response={200: FeedbackOut, **ERRORS})
def reflection_feedback(request: AuthedRequest, week: WeekName):
    """Feedback on the week: the AI coach's when it is set up, otherwise suggestions
    from the week's numbers (nothing is sent anywhere then)."""
    found = services.week_named(request.user, week)
    return Status(200, FeedbackOut.of(services.feedback(request.user, found)))


@router.post("/journal/weeks/{week}/share", response={201: SharedLessonOut, **ERRORS})
def share_lesson(request: AuthedRequest, week: WeekName, lesson: ShareIn):
    """Share one lesson of the week with one of your groups (replaces that week's)."""
    writable(request)
    found = services.week_named(request.user, week)
    membership = find_membership(request.user, lesson.group)
    return Status(201, services.share_lesson(membership, found, lesson.text))


@router.delete("/journal/shared/{code}", response={204: None, **ERRORS})
def stop_sharing(request: AuthedRequest, code: str):
    """Take a shared lesson back."""
    writable(request)
    services.unshare_lesson(get_shared_lesson_for_user(request.user, code))
    return Status(204, None)
