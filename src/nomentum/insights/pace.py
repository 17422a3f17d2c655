"""Pace of a challenge: pure date and number arithmetic, no database.

A challenge runs from ``start`` to ``end`` (both days included). Its target line
climbs linearly within each stage to that stage's cumulative target, so a
"100 in 30" with four stages of 25 expects 25 by day 7, 50 by day 14, 75 by day
21 and 100 by day 30. Weeks are 7-day blocks counted from the start day.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

AHEAD, ON_TRACK, BEHIND, UPCOMING, DONE, MISSED = (
    "ahead",
    "on track",
    "behind",
    "not started",
    "done",
    "ended",
)


@dataclass(frozen=True)
class StageSpan:
    number: int
    first_day: int  # 1-based day of the challenge
    last_day: int
    cumulative_target: int


def stage_spans(total_days: int, target: int, stages: int = 1) -> list[StageSpan]:
    """Split the days and the target into ``stages`` parts; the last part takes any
    leftover days (30 days in 4 stages: 7, 7, 7, 9) and the later parts take any
    leftover count (10 in 4 stages: 2, 2, 3, 3)."""
    stages = max(1, min(stages, total_days))
    base_days = total_days // stages
    base_target, extra = divmod(target, stages)
    spans, first, cumulative = [], 1, 0
    for number in range(1, stages + 1):
        last = total_days if number == stages else first + base_days - 1
        cumulative += base_target + (1 if number > stages - extra else 0)
        spans.append(StageSpan(number, first, last, cumulative))
        first = last + 1
    return spans


def target_by_day(day: float, spans: list[StageSpan]) -> float:
    """Where the target line stands at the end of ``day`` (0 before the start)."""
    if day <= 0:
        return 0.0
    previous_day, previous_target = 0, 0
    for span in spans:
        if day <= span.last_day:
            length = span.last_day - previous_day
            share = (day - previous_day) / length
            return previous_target + share * (span.cumulative_target - previous_target)
        previous_day, previous_target = span.last_day, span.cumulative_target
    return float(spans[-1].cumulative_target)


@dataclass(frozen=True)
class Pace:
    status: str
    counted: int
    target: int
    day: int  # today's day of the challenge, 0 before it starts
    total_days: int
    days_left: int  # today included
    week: int  # current challenge week, 1-based (0 before the start)
    stage: int | None
    expected: float  # where the target line is at the end of today
    needed_this_week: int
    projected_finish: date | None
    percent: int

    @property
    def on_track(self) -> bool:
        return self.status in (AHEAD, ON_TRACK, UPCOMING, DONE)


def pace(start: date, end: date, target: int, counted: int, today: date, stages: int = 1) -> Pace:
    total = (end - start).days + 1
    spans = stage_spans(total, target, stages)
    day = min(max((today - start).days + 1, 0), total)
    week = (day - 1) // 7 + 1 if day else 0
    week_end = min(max(week, 1) * 7, total)
    expected = target_by_day(day, spans)
    percent = min(100, math.floor(100 * counted / target)) if target else 100
    stage = next((s.number for s in spans if s.first_day <= max(day, 1) <= s.last_day), None)

    if today > end:
        status = DONE if counted >= target else MISSED
        return Pace(
            status, counted, target, total, total, 0, week, stage, float(target), 0, None, percent
        )

    needed = max(0, math.ceil(target_by_day(week_end, spans) - 1e-9) - counted)
    if today < start:
        status = UPCOMING
    elif counted >= target:
        status = DONE
    # Behind means short of where the line stood at the end of yesterday: nobody is
    # behind at breakfast on day one.
    elif counted < math.floor(target_by_day(day - 1, spans) + 1e-9):
        status = BEHIND
    elif needed == 0:
        status = AHEAD
    else:
        status = ON_TRACK
    return Pace(
        status=status,
        counted=counted,
        target=target,
        day=day,
        total_days=total,
        days_left=(end - max(today, start)).days + 1,
        week=week,
        stage=stage if stages > 1 else None,
        expected=round(expected, 2),
        needed_this_week=needed,
        projected_finish=projected_finish(counted, target, day, today),
        percent=percent,
    )


def projected_finish(counted: int, target: int, day: int, today: date) -> date | None:
    """The day the target is reached if the pace so far holds; None without a pace yet
    or once it is reached."""
    if counted <= 0 or day <= 0 or counted >= target:
        return None
    per_day = counted / day
    return today + timedelta(days=math.ceil((target - counted) / per_day))


def cumulative(start: date, last: date, daily: dict[date, int]) -> list[int]:
    """Running totals for every day from ``start`` to ``last`` (inclusive)."""
    totals, running = [], 0
    for offset in range((last - start).days + 1):
        running += daily.get(start + timedelta(days=offset), 0)
        totals.append(running)
    return totals


# Goals ----------------------------------------------------------------------

PER_WEEK = {"day": 7.0, "week": 1.0, "month": 7 / (365.25 / 12)}
# A goal above this many times the user's best week so far (or above this many
# times a gentle 5 a week for someone without a history yet) gets a warning.
UNREALISTIC_FACTOR = 3
GENTLE_WEEK = 5


def per_week(count: int, period: str) -> float:
    return count * PER_WEEK[period]


def is_unrealistic(count: int, period: str, best_week: int) -> bool:
    return per_week(count, period) > UNREALISTIC_FACTOR * max(best_week, GENTLE_WEEK)


def period_window(period: str, today: date, start: date, end: date) -> tuple[date, date]:
    """The current day, challenge week or calendar month, clipped to the challenge."""
    if period == "day":
        first = last = today
    elif period == "week":
        week = max((today - start).days, 0) // 7
        first = start + timedelta(days=7 * week)
        last = first + timedelta(days=6)
    else:
        first = today.replace(day=1)
        next_month = (first + timedelta(days=32)).replace(day=1)
        last = next_month - timedelta(days=1)
    return max(first, start), min(last, end)


# Outcome mix -------------------------------------------------------------------

# What 100 asks typically bring: 70–80 no's or silences, 15–20 yeses,
# 5–10 game-changers.
TYPICAL_MIX = (
    ("no", "No's and silences", 0.70, 0.80),
    ("yes", "Yeses (and partial yeses)", 0.15, 0.20),
    ("game_changer", "Game-changers", 0.05, 0.10),
)


@dataclass(frozen=True)
class MixRow:
    key: str
    label: str
    count: int
    share: float | None
    typical_low: float
    typical_high: float
    answered: int = 0

    @property
    def interval(self) -> tuple[float, float] | None:
        from nomentum.insights.figures import wilson

        return wilson(self.count, self.answered)

    @property
    def verdict(self) -> str:
        """Below or above typical only when the whole 95 % interval is."""
        if self.interval is None:
            return ""
        low, high = self.interval
        if high < self.typical_low:
            return "below typical"
        if low > self.typical_high:
            return "above typical"
        return "typical"


def outcome_mix(outcomes: dict[str, int], game_changers: int) -> list[MixRow]:
    """The user's answered asks against the typical outcome of 100 asks."""
    counts = {
        "no": outcomes.get("no", 0) + outcomes.get("no_response", 0),
        "yes": outcomes.get("yes", 0) + outcomes.get("partial", 0),
        "game_changer": game_changers,
    }
    answered = counts["no"] + counts["yes"]
    return [
        MixRow(
            key,
            label,
            counts[key],
            counts[key] / answered if answered else None,
            low,
            high,
            answered,
        )
        for key, label, low, high in TYPICAL_MIX
    ]


@dataclass(frozen=True)
class WeekRow:
    week: int
    first: date
    last: date
    counted: int
    cumulative: int
    target: int  # where the target line stands at the end of the week


def weekly_rows(
    start: date, end: date, target: int, stages: int, daily: dict[date, int], today: date
) -> list[WeekRow]:
    """Week-by-week numbers of a challenge up to the current week: the burn-up chart's
    text alternative."""
    total = (end - start).days + 1
    spans = stage_spans(total, target, stages)
    last_day = min(max((today - start).days + 1, 1), total)
    rows, running = [], 0
    for week in range(1, (last_day - 1) // 7 + 2):
        first_day, week_end = (week - 1) * 7 + 1, min(week * 7, total)
        days = [start + timedelta(days=d - 1) for d in range(first_day, week_end + 1)]
        counted = sum(daily.get(day, 0) for day in days)
        running += counted
        rows.append(
            WeekRow(
                week,
                days[0],
                days[-1],
                counted,
                running,
                math.ceil(target_by_day(week_end, spans) - 1e-9),
            )
        )
    return rows
