"""The one shape of the insights, for the API and ``nomentum insights --json``: numbers,
with every rate's 95 % interval bounds."""

from datetime import date

from ninja import Schema

from nomentum.insights import figures as f
from nomentum.insights.pace import MixRow
from nomentum.insights.services import Insights


class RateOut(Schema):
    k: int
    n: int
    rate: float | None
    low: float | None  # the 95 % Wilson interval
    high: float | None
    enough: bool  # enough answers to compare

    @classmethod
    def of(cls, rate: f.Rate) -> "RateOut":
        low, high = rate.interval or (None, None)
        return cls(k=rate.k, n=rate.n, rate=rate.value, low=low, high=high, enough=rate.enough)


class ScoresOut(Schema):
    fear_before: float | None
    fear_n: int
    sting_after: float | None
    sting_n: int

    @classmethod
    def of(cls, s: f.Scores) -> "ScoresOut":
        return cls(fear_before=s.fear, fear_n=s.fear_n, sting_after=s.sting, sting_n=s.sting_n)


class FearWeekOut(ScoresOut):
    week: int
    start: date
    by_tier: dict[str, ScoresOut]


class TierOut(Schema):
    tier: str
    expected_no: float
    no: RateOut


class BreakdownOut(Schema):
    key: str
    asks: int
    replied: RateOut
    yes: RateOut


class ObjectionsOut(Schema):
    nos_with_reason: int
    counts: dict[str, int]
    their_side: RateOut


class AnswerDaysOut(Schema):
    method: str
    median_days: float
    answers: int


class ForecastOut(Schema):
    challenge: str
    remaining: int  # what the challenge still counts (see counts)
    counts: str  # "all" (asks), "no" or "no+silence"
    asks_low: int
    asks_high: int
    yeses_low: int
    yeses_high: int


class GoalPlanOut(Schema):
    goal: str
    period: str  # "day", "week" or "month"
    asks_low: int | None  # None: no number of asks will do at a zero rate
    asks_high: int | None  # None: no upper bound while your rate may be zero


class TypicalRow(Schema):
    key: str
    count: int
    share: float | None
    low: float | None
    high: float | None
    typical_low: float
    typical_high: float


class MonthOut(Schema):
    month: str
    yes: RateOut


class DayOut(Schema):
    date: date
    asks: int


class BadgeOut(Schema):
    nos: int
    earned_on: date


class InsightsOut(Schema):
    asks: int
    answered: int
    yes: RateOut
    fear_curve: list[FearWeekOut]
    calibration: list[TierOut]
    by_method: list[BreakdownOut]
    by_category: list[BreakdownOut]
    by_pitch: list[BreakdownOut]
    by_weekday: list[BreakdownOut]
    objections: ObjectionsOut
    missing_skills: dict[str, int]
    answer_days: list[AnswerDaysOut]
    followups_done: RateOut  # asks whose follow-up was done, and of those a yes or referral
    followups_not_done: RateOut
    planning_rate_low: float
    planning_rate_high: float
    planning_rate_is_yours: bool  # False: the typical 15–20 % while you have few answers
    forecasts: list[ForecastOut]
    goals: list[GoalPlanOut]
    typical_needs: int  # more answered asks before the typical-100 comparison
    typical: list[TypicalRow]  # empty until then
    yes_by_month: list[MonthOut]
    days: list[DayOut]  # asks per day over the last year (days with asks)
    streak: int
    badges: list[BadgeOut]

    @classmethod
    def of(cls, found: Insights, mix: list[MixRow]) -> "InsightsOut":
        def breakdown(rows: list[f.Breakdown]) -> list[BreakdownOut]:
            return [
                BreakdownOut(
                    key=b.key or "unknown",
                    asks=b.asks,
                    replied=RateOut.of(b.replied),
                    yes=RateOut.of(b.yes),
                )
                for b in rows
            ]

        low, high, own = found.rate_for_planning
        days = [DayOut(date=day, asks=n) for day, n in found.days]
        return cls(
            asks=found.asks,
            answered=found.settled,
            yes=RateOut.of(found.yes),
            fear_curve=[
                FearWeekOut(
                    week=w.number,
                    start=w.start,
                    by_tier={t: ScoresOut.of(s) for t, s in w.by_tier.items()},
                    **ScoresOut.of(w.scores).dict(),
                )
                for w in found.fear_curve
            ],
            calibration=[
                TierOut(tier=c.tier, expected_no=c.expected_no, no=RateOut.of(c.no))
                for c in found.calibration
            ],
            by_method=breakdown(found.by_method),
            by_category=breakdown(found.by_category),
            by_pitch=breakdown(found.by_pitch),
            by_weekday=breakdown(found.by_weekday),
            objections=ObjectionsOut(
                nos_with_reason=found.objections.nos,
                counts=dict(found.objections.counts),
                their_side=RateOut.of(found.objections.their_side),
            ),
            missing_skills=dict(found.skills),
            answer_days=[
                AnswerDaysOut(method=m, median_days=d, answers=n)
                for m, (d, n) in found.answer_days.items()
            ],
            followups_done=RateOut.of(found.followups_done),
            followups_not_done=RateOut.of(found.followups_open),
            planning_rate_low=low,
            planning_rate_high=high,
            planning_rate_is_yours=own,
            forecasts=[
                ForecastOut(
                    challenge=x.challenge,
                    remaining=x.remaining,
                    counts=x.counts,
                    asks_low=x.asks[0],
                    asks_high=x.asks[1],
                    yeses_low=x.yeses[0],
                    yeses_high=x.yeses[1],
                )
                for x in found.forecasts
            ],
            goals=[
                GoalPlanOut(
                    goal=g.goal,
                    period=g.period,
                    asks_low=g.asks[0] if g.asks else None,
                    asks_high=g.asks[1] if g.asks else None,
                )
                for g in found.goals
            ],
            typical_needs=found.typical_needs,
            typical=[]
            if found.typical_needs
            else [
                TypicalRow(
                    key=r.key,
                    count=r.count,
                    share=r.share,
                    low=(r.interval or (None, None))[0],
                    high=(r.interval or (None, None))[1],
                    typical_low=r.typical_low,
                    typical_high=r.typical_high,
                )
                for r in mix
            ],
            yes_by_month=[MonthOut(month=m, yes=RateOut.of(r)) for m, r in found.yes_by_month],
            days=days,
            streak=found.streak,
            badges=[BadgeOut(nos=b.nos, earned_on=b.earned_on) for b in found.badges],
        )
