"""The one shape of a plan, a plan item and an idea: for the API, every ``--json``
and the account export. Built from model instances."""

from datetime import date

from ninja import Schema

from nomentum.coach.forms import QuestionnaireForm
from nomentum.schemas import In, checked_as


class PlanIdea(Schema):
    code: str
    text: str
    tier: str
    area: str
    done: bool

    @staticmethod
    def resolve_code(item) -> str:
        return str(item.code)


class PlanWeek(Schema):
    week: int
    target: int
    ideas: list[PlanIdea]


class PlanOut(Schema):
    code: str
    start: date
    source: str  # "built-in" or "ai"
    note: str  # e.g. why the AI coach was not used
    areas: list[str]
    fears: list[str]
    fear_text: str
    comfort: int
    target: int
    weeks: list[PlanWeek]

    @staticmethod
    def resolve_code(plan) -> str:
        return str(plan.code)

    @staticmethod
    def resolve_weeks(plan) -> list[dict]:
        items = list(plan.items.all())
        return [
            {"week": n, "target": target, "ideas": [i for i in items if i.week == n]}
            for n, target in enumerate(plan.weekly_targets, 1)
        ]


class PlanIn(In):
    areas: list[str] | None = checked_as(QuestionnaireForm, "areas", default=None, min_length=1)
    fears: list[str] | None = checked_as(QuestionnaireForm, "fears", default=None)
    fear_text: str | None = checked_as(QuestionnaireForm, "fear_text", default=None)
    comfort: int | None = checked_as(QuestionnaireForm, "comfort", True, default=None)
    weeks: int | None = checked_as(QuestionnaireForm, "weeks", default=None)
    target: int | None = checked_as(QuestionnaireForm, "target", default=None)
    seed: int | None = checked_as(QuestionnaireForm, "seed", default=None)  # same seed, same plan


class PlanItemIn(In):
    done: bool


class IdeaOut(Schema):
    text: str
    tier: str
    area: str
