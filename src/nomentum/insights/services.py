"""The Insights read: the user's numbers (queries.py) made into figures (figures.py).
The page, the dashboard, the API and the CLI all call ``insights``."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from nomentum.accounts.models import User
from nomentum.asks.celebrations import MILESTONES
from nomentum.asks.models import Category, Method, Objection
from nomentum.challenges import services as challenges
from nomentum.challenges.models import Goal
from nomentum.insights import figures as f
from nomentum.insights.queries import (
    day_rows,
    insight_numbers,
)

WEEKDAYS = {1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun"}


@dataclass(frozen=True)
class Forecast:
    challenge: str
    remaining: int  # what the challenge still counts: asks, or no's (and silences)
    counts: str  # "all", "no" or "no+silence"
    asks: tuple[int, int]  # the asks that takes
    yeses: tuple[int, int]  # the range of yeses they should bring


@dataclass(frozen=True)
class GoalPlan:
    goal: str
    period: str  # "day", "week" or "month"
    period_text: str  # "a week"
    asks: tuple[int, int | None] | None  # asks per period; None at a zero rate


@dataclass(frozen=True)
class Badge:
    nos: int
    earned_on: date


@dataclass(frozen=True)
class Insights:
    asks: int
    settled: int
    yes: f.Rate
    fear_curve: list[f.FearWeek]
    fear_headline: str | None
    tier_trends: list[f.TierTrend]
    calibration: list[f.TierCalibration]
    by_method: list[f.Breakdown]
    by_category: list[f.Breakdown]
    by_pitch: list[f.Breakdown]  # asks logged with a pitch only
    by_weekday: list[f.Breakdown]
    objections: f.Objections
    skills: list[tuple[str, int]]
    answer_days: dict[str, tuple[float, int]]  # by method code
    followups_done: f.Rate  # asks whose follow-up was done: how many became a yes/referral
    followups_open: f.Rate  # asks whose follow-ups were not done: the same
    rate_for_planning: tuple[float, float, bool]  # low, high, the user's own?
    forecasts: list[Forecast]
    goals: list[GoalPlan]
    typical_needs: int  # more answered asks before the typical-100 comparison
    yes_by_month: list[tuple[str, f.Rate]]
    heatmap: list[list[int | None]]  # columns of Mon…Sun, from heatmap_start
    heatmap_start: date
    days: list[tuple[date, int]]  # asks per day over the last year (days with asks)
    streak: int
    badges: list[Badge]

    @property
    def answer_days_shown(self) -> list[tuple[str, float, int]]:
        """Days to an answer with each method's name."""
        names = dict(Method.choices)
        return [(names.get(m, "Method not set"), d, n) for m, (d, n) in self.answer_days.items()]

    @property
    def objections_shown(self) -> list[tuple[str, int]]:
        names = dict(Objection.choices)
        return [(names.get(o, o), n) for o, n in self.objections.counts]


def _scores(daily: list[dict]) -> list[tuple[date, str, f.Scores]]:
    return [
        (
            row["date"],
            row["tier"],
            f.Scores(row["fear_n"], row["fear_sum"] or 0, row["sting_n"], row["sting_sum"] or 0),
        )
        for row in daily
    ]


def fear_headline(user: User, days: list[dict] | None = None) -> str | None:
    """The dashboard's one line on fear, by the Insights page's rule."""
    return f.fear_headline(fear_curve(user, days))


def fear_curve(user: User, days: list[dict] | None = None) -> list[f.FearWeek]:
    """The fear curve alone, from the day tallies (``day_rows``, read here if not given)."""
    days = day_rows(user) if days is None else days
    return f.fear_curve(_scores([d for d in days if d["asks"]]), user.week_start)


def insights(user: User, today: date, numbers: dict | None = None) -> Insights:
    """The insights from the user's numbers (``insight_numbers``, read here if not given)."""
    numbers = numbers or insight_numbers(user)
    daily = numbers["daily"]
    curve = f.fear_curve(_scores(daily), user.week_start)
    asks = sum(r["asks"] for r in daily)
    settled = sum(r["settled"] for r in daily)
    yeses = sum(r["yes"] for r in daily)
    per_tier: Counter = Counter()
    answered_tier: Counter = Counter()
    for row in daily:
        per_tier[row["tier"]] += row["no"] + row["no_response"]
        answered_tier[row["tier"]] += row["settled"]
    low, high, own = f.yes_rate_for_planning(yeses, settled)
    running = [p for p in challenges.progress(user, today=today) if p.challenge.end >= today]
    per_day: Counter = Counter()
    nos_by_day: Counter = Counter()
    months: dict[str, list[int]] = {}
    for row in daily:
        per_day[row["date"]] += row["asks"]
        nos_by_day[row["date"]] += row["no"]
        month = months.setdefault(row["date"].strftime("%Y-%m"), [0, 0])
        month[0] += row["yes"]
        month[1] += row["settled"]
    conversion = numbers["conversion"]
    return Insights(
        asks=asks,
        settled=settled,
        yes=f.Rate(yeses, settled),
        fear_curve=curve,
        fear_headline=f.fear_headline(curve),
        tier_trends=f.tier_trends(curve),
        calibration=f.calibration(
            {t: (per_tier[t], answered_tier[t]) for t in f.LADDER if answered_tier[t]}
        ),
        by_method=f.breakdown(numbers["by"]["method"], dict(Method.choices)),
        by_category=f.breakdown(numbers["by"]["category"], dict(Category.choices)),
        by_pitch=f.breakdown({k: v for k, v in numbers["by"]["pitch__name"].items() if k}),
        by_weekday=f.breakdown(_by_weekday(daily)),
        objections=f.objections(numbers["objections"]),
        skills=_skills(numbers["skills"]),
        answer_days=f.answer_days(numbers["answered"]),
        followups_done=f.Rate(conversion["done_won"] or 0, conversion["done"] or 0),
        followups_open=f.Rate(conversion["open_won"] or 0, conversion["open"] or 0),
        rate_for_planning=(low, high, own),
        forecasts=[_forecast(p, low, high) for p in running],
        goals=[
            GoalPlan(
                str(goal),
                goal.period,
                goal.get_period_display(),
                f.asks_needed(goal.count, low, high),
            )
            for p in running
            for goal in p.challenge.goals.all()
            if goal.metric == Goal.Metric.YES
        ],
        typical_needs=max(0, f.TYPICAL_MINIMUM - settled),
        yes_by_month=[(m, f.Rate(*months[m])) for m in sorted(months)],
        heatmap=f.heatmap(per_day, today),
        heatmap_start=f.week_start(today, 0) - timedelta(weeks=f.HEATMAP_WEEKS - 1),
        days=sorted((d, n) for d, n in per_day.items() if (today - d).days < 365 and n),
        streak=f.streak(set(per_day), today, rest=_rest_days(user, today)),
        badges=_badges(nos_by_day),
    )


def _rest_days(user: User, today: date) -> frozenset[date]:
    from nomentum.challenges.access import rest_days_for_user

    found = rest_days_for_user(user).filter(date__lte=today)
    return frozenset(found.values_list("date", flat=True))


def _forecast(p, low: float, high: float) -> Forecast:
    remaining = max(0, p.challenge.target - p.pace.counted)
    counts = p.challenge.counts
    # No's to collect: the asks that bring them bring some yeses too.
    asks = (remaining, remaining) if counts == "all" else f.asks_for_nos(remaining, low, high)
    yeses = (f.expected_yeses(asks[0], low, low)[0], f.expected_yeses(asks[1], high, high)[1])
    return Forecast(p.challenge.name, remaining, counts, asks, yeses)


def _by_weekday(daily: list[dict]) -> dict[str, tuple[int, int, int, int]]:
    """The daily rows added up per weekday, Monday first."""
    sums: dict[int, list[int]] = {}
    for row in daily:
        found = sums.setdefault(row["date"].isoweekday(), [0, 0, 0, 0])
        for i, key in enumerate(("asks", "settled", "replied", "yes")):
            found[i] += row[key]
    return {WEEKDAYS[d]: (a, s, r, y) for d, (a, s, r, y) in sorted(sums.items())}


def _skills(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    for text, n in rows:
        key = " ".join(text.split()).casefold()
        counts[key] += n
        shown.setdefault(key, " ".join(text.split()))
    return [(shown[k], n) for k, n in counts.most_common(5)]


def _badges(nos_by_day: Counter) -> list[Badge]:
    """The no milestones reached, each with the day of the ask that reached it."""
    earned, total = [], 0
    pending = list(MILESTONES)
    for day in sorted(nos_by_day):
        total += nos_by_day[day]
        while pending and total >= pending[0]:
            earned.append(Badge(pending.pop(0), day))
    return earned


def insights_and_mix(user: User, today: date):
    """The insights and the outcome mix against a typical 100 asks."""
    from nomentum.insights.pace import outcome_mix
    from nomentum.insights.stats import outcome_summary

    numbers = insight_numbers(user)
    totals = numbers["totals"]
    summary = outcome_summary(totals, totals["self_rejections"])
    return insights(user, today, numbers), outcome_mix(summary["outcomes"], totals["game_changers"])
