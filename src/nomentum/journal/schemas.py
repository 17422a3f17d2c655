"""The one shape of a reflection, a week in review, feedback and a shared lesson: for the
API, every ``--json`` and the account export."""

from datetime import date

from ninja import Field, Schema
from pydantic import create_model

from nomentum.asks.schemas import FollowUpOut
from nomentum.journal import prompts
from nomentum.journal.models import LESSON_MAX
from nomentum.journal.services import Feedback, Review, answered
from nomentum.schemas import SOMETHING, In, dump


class AnswerOut(Schema):
    id: str
    prompt: str
    answer: str


class ReflectionOut(Schema):
    week: str
    starts_on: date
    answers: list[AnswerOut]  # every prompt, answered or not

    @staticmethod
    def resolve_answers(reflection) -> list[dict]:
        return answered(reflection)


# A field per prompt, named by its id: the prompts' table is the only list of them.
ReflectionIn = create_model(  # type: ignore[call-overload]
    "ReflectionIn",
    __base__=In,
    **{
        p.id: (str | None, Field(None, max_length=prompts.ANSWER_MAX, description=p.text))
        for p in prompts.PROMPTS
    },
)


class LessonOut(Schema):
    """A no of the week, with what it taught."""

    code: str
    date: date
    request: str
    to: str
    lesson: str
    starred: bool
    objections: list[str]
    worst_case: str


class BestAsk(Schema):
    code: str
    request: str
    outcome: str
    tier: str


class NextWeek(Schema):
    target: int | None
    ideas: list[str]


class ChallengeDays(Schema):
    challenge: str
    first_day: int
    last_day: int


class ReviewOut(Schema):
    week: str
    starts_on: date
    ends_on: date
    asks: int
    nos: int
    yeses: int
    partial: int
    no_response: int
    pending: int
    game_changers: int
    lessons: list[LessonOut]
    best_ask: BestAsk | None
    self_rejections: list[str]
    fear_before: float | None  # this week's mean, 0–10
    sting_after: float | None
    fear_before_earlier: float | None  # the mean of the weeks before
    sting_after_earlier: float | None
    followups: list[FollowUpOut]
    challenges: list[ChallengeDays]
    next_week: NextWeek
    suggestions: list[str]
    reflection: ReflectionOut

    @classmethod
    def of(cls, review: Review, suggestions: list[str]) -> "ReviewOut":
        best = review.best
        # Built from parts already checked (the follow-ups and the reflection ran their
        # own resolvers): constructed, not validated again.
        return cls.model_construct(
            week=review.week.name,
            starts_on=review.week.start,
            ends_on=review.week.end,
            asks=review.asks,
            nos=review.nos,
            yeses=review.yeses,
            partial=review.partial,
            no_response=review.no_response,
            pending=review.pending,
            game_changers=review.game_changers,
            lessons=[
                LessonOut(
                    code=str(a.code),
                    date=a.date,
                    request=a.request,
                    to=a.to,
                    lesson=a.lessons,
                    starred=a.lesson_starred,
                    objections=a.objections,
                    worst_case=a.worst_case,
                )
                for a in review.no_asks
            ],
            best_ask=BestAsk(
                code=str(best.code), request=best.request, outcome=best.outcome, tier=best.tier
            )
            if best
            else None,
            self_rejections=[a.request for a in review.self_rejections],
            fear_before=review.fear_before,
            sting_after=review.sting_after,
            fear_before_earlier=review.fear_before_earlier,
            sting_after_earlier=review.sting_after_earlier,
            followups=[FollowUpOut.from_orm(f) for f in review.followups],
            challenges=[
                ChallengeDays(challenge=name, first_day=first, last_day=last)
                for name, first, last in review.challenge_days
            ],
            next_week=NextWeek(
                target=review.next_target, ideas=[i.text for i in review.next_ideas]
            ),
            suggestions=suggestions,
            reflection=ReflectionOut.from_orm(review.reflection),
        )


class FeedbackOut(Schema):
    source: str  # "ai" (the AI coach) or "rules" (from the week's numbers)
    items: list[str]
    note: str

    @classmethod
    def of(cls, feedback: Feedback) -> "FeedbackOut":
        return cls(source=feedback.source, items=feedback.items, note=feedback.note)


class ShareIn(In):
    group: str = Field(description="the group's code or name")
    text: str = Field(max_length=LESSON_MAX, pattern=SOMETHING)


class SharedLessonOut(Schema):
    code: str
    group: str
    week: str
    text: str

    @staticmethod
    def resolve_code(shared) -> str:
        return str(shared.code)

    @staticmethod
    def resolve_group(shared) -> str:
        return shared.membership.group.name


def reflection_record(reflection) -> dict:
    """A reflection in the account export."""
    return dump(ReflectionOut.from_orm(reflection))
