"""The one shape of a challenge (with its pace), a goal and the stats: for the API,
every ``--json`` and the account export. Built from ``ChallengeProgress``."""

from datetime import date
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from nomentum.challenges.forms import DAYS_MESSAGE, REST_DAYS_MAX, ChallengeForm, GoalForm
from nomentum.challenges.models import DAYS_MAX
from nomentum.schemas import SOMETHING, Date, In, checked_as


class GoalOut(Schema):
    code: str
    goal: str  # in words: "3 no's a week about podcast"
    count: int
    metric: str
    period: str
    category: str
    keyword: str
    done: int  # in the current period
    first: date  # the current period
    last: date

    @staticmethod
    def of(progress) -> "GoalOut":
        g = progress.goal
        return GoalOut(
            code=str(g.code),
            goal=g.describe(),
            count=g.count,
            metric=g.metric,
            period=g.period,
            category=g.category,
            keyword=g.keyword,
            done=progress.done,
            first=progress.first,
            last=progress.last,
        )


class CatchUpOut(Schema):
    per_day: int = Field(description="the most this week asks of a day")
    behind: int = Field(description="how far below the line the count is")
    extend_days: int = Field(description="days more at the plan's rate that close the gap")
    lower_to: int = Field(description="or the target the count as it is can keep")


class ChallengeOut(Schema):
    code: str
    name: str
    template: str
    target: int
    counted: int
    counts: str
    categories: list[str]
    weekly_goal: int | None
    start: date
    end: date
    status: str  # upcoming, active, finished
    pace: str  # on track, behind, ahead, …
    stage: int | None
    stage_name: str | None
    on_track: bool
    needed_this_week: int
    days_left: int
    projected_finish: date | None  # only when on or ahead of the line, by the end
    reach_by_end: int | None  # behind: what the pace so far brings by the end
    catch_up: CatchUpOut | None  # the gap is more than a humane week closes
    resting: bool  # today is a rest day
    on_rest: str  # what a rest day does: extend (the end moves) or shrink (the target)
    goals: list[GoalOut]

    @staticmethod
    def of(progress) -> "ChallengeOut":
        c, p = progress.challenge, progress.pace
        return ChallengeOut(
            code=str(c.code),
            name=c.name,
            template=c.template,
            target=c.target,
            counted=p.counted,
            counts=c.counts,
            categories=c.categories,
            weekly_goal=c.weekly_goal,
            start=c.start,
            end=c.end,
            status=progress.status,
            pace=p.status,
            stage=p.stage,
            stage_name=progress.stage.name if progress.stage else None,
            on_track=p.on_track,
            needed_this_week=p.needed_this_week,
            days_left=p.days_left,
            projected_finish=p.projected_finish,
            reach_by_end=p.reach_by_end,
            catch_up=CatchUpOut(**vars(p.catch_up)) if p.catch_up else None,
            resting=p.resting,
            on_rest=c.on_rest,
            goals=[GoalOut.of(g) for g in progress.goals],
        )


class ChallengeList(Schema):
    challenges: list[ChallengeOut]


class ChallengeIn(In):
    template: str = checked_as(ChallengeForm, "template")
    name: str | None = checked_as(ChallengeForm, "name", default=None, pattern=SOMETHING)
    target: int | None = checked_as(ChallengeForm, "target", default=None)
    start: Date | None = None
    # Instead of an end: the number of days from the start.
    days: int | None = Field(None, json_schema_extra={"minimum": 1, "maximum": DAYS_MAX})
    counts: str | None = checked_as(ChallengeForm, "counts", True, default=None)
    categories: list[str] = checked_as(ChallengeForm, "categories", default=[])
    weekly_goal: int | None = checked_as(ChallengeForm, "weekly_goal", default=None)

    @field_validator("days")
    @classmethod
    def _days(cls, days: int | None) -> int | None:
        if days is not None and not 1 <= days <= DAYS_MAX:
            raise ValueError(DAYS_MESSAGE)
        return days


class GoalIn(In):
    count: int = checked_as(GoalForm, "count")
    metric: str = checked_as(GoalForm, "metric", default="no")
    period: str = checked_as(GoalForm, "period", default="week")
    category: str = checked_as(GoalForm, "category", default="")
    keyword: str = checked_as(GoalForm, "keyword", default="")
    confirm: bool = False  # keep a goal that looks unrealistic


class Outcomes(Schema):
    yes: int
    no: int
    no_response: int
    pending: int
    partial: int


class StatsOut(Schema):
    asks: int
    outcomes: Outcomes
    answered: int
    yes_rate: float | None  # yeses over answered asks
    self_rejections: int
    challenges: list[ChallengeOut]  # the current ones, with their pace

    @staticmethod
    def of(stats: dict) -> "StatsOut":
        """From ``challenges.services.stats``."""
        return StatsOut(
            **{k: v for k, v in stats.items() if k != "challenges"},
            challenges=[ChallengeOut.of(p) for p in stats["challenges"]],
        )


class RestIn(In):
    date: Date | None = Field(None, description="the first rest day (default today)")
    days: int | None = Field(None, json_schema_extra={"minimum": 1, "maximum": REST_DAYS_MAX})


class RestOut(Schema):
    rest_days: list[date] = Field(description="the days marked now (not those marked before)")
    message: str


class CatchUpIn(In):
    how: Literal["extend", "lower", "restart"] = Field(
        description="the line starts again from today; extend: the end moves by the days "
        "the rest takes; lower: the target drops to what the end brings; restart: neither"
    )
