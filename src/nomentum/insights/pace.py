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


# A humane day: catching up never asks for more than this many times the plan's daily
# rate, nor this many times the user's best day so far, nor fewer than FLOOR a day.
PLAN_FACTOR, BEST_DAY_FACTOR, FLOOR = 2, 3, 5
# No projection before this day of the challenge, nor before this many counted.
PROJECT_FROM_DAY, PROJECT_FROM_COUNT = 3, 5


@dataclass(frozen=True)
class CatchUp:
    """The gap is more than a humane week can close. Either offer starts the line again
    from today, at the plan's daily rate (or the humane one, if lower)."""

    per_day: int  # the most this week asks of a day
    behind: int  # how far below the line the count is
    extend_days: int  # the days more the rest takes at that rate (0: it fits already)
    lower_to: int  # or the target that rate reaches by the end


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
    needed_this_week: int  # never more than a humane number (see CatchUp)
    projected_finish: date | None  # only when it agrees with the status
    percent: int
    reach_by_end: int | None = None  # behind, at this pace: what the end brings
    catch_up: CatchUp | None = None
    resting: bool = False  # today is a rest day

    @property
    def on_track(self) -> bool:
        return self.status in (AHEAD, ON_TRACK, UPCOMING, DONE)


class ActiveDays:
    """Days of a challenge that count: the rest days inside it flatten the line."""

    def __init__(self, start: date, end: date, rest: frozenset[date]):
        self.start, self.end = start, end
        self.rest = sorted(d for d in rest if start <= d <= end)
        self.total = (end - start).days + 1 - len(self.rest)

    def through(self, day: date) -> int:
        """Active days from the start up to and including ``day``."""
        if day < self.start:
            return 0
        day = min(day, self.end)
        return (day - self.start).days + 1 - sum(1 for d in self.rest if d <= day)


class Line:
    """The target line of a challenge, day by day: linear within each stage over the
    days that count, flat over rest days; and, once restarted (``restart``: a day and
    the count then), straight from that count at the start of that day to the target."""

    def __init__(
        self,
        start: date,
        end: date,
        target: int,
        stages: int = 1,
        rest: frozenset[date] = frozenset(),
        restart: tuple[date, int] | None = None,
    ):
        self.active = ActiveDays(start, end, rest)
        self.spans = stage_spans(max(self.active.total, 1), target, stages)
        self.target, self.restart = target, restart

    def at(self, day: date) -> float:
        """Where the line stands at the end of ``day``."""
        if self.restart is not None:
            since, base = self.restart
            eve = self.active.through(since - timedelta(days=1))
            if day >= since - timedelta(days=1):
                left = max(self.active.total - eve, 1)
                return base + (self.target - base) * (self.active.through(day) - eve) / left
        return target_by_day(self.active.through(day), self.spans)


def pace(
    start: date,
    end: date,
    target: int,
    counted: int,
    today: date,
    stages: int = 1,
    rest: frozenset[date] = frozenset(),
    best_day: int = 0,
    restart: tuple[date, int] | None = None,
) -> Pace:
    """Where a challenge stands. Rest days inside it count for nothing: the line waits
    over them. ``best_day``: the most asks the user made in one day so far, for the cap;
    ``restart``: where the line was started again (see ``Line``)."""
    calendar_total = (end - start).days + 1
    line = Line(start, end, target, stages, rest, restart)
    active = line.active
    day = min(max((today - start).days + 1, 0), calendar_total)
    done_days = active.through(today)
    yesterday = today - timedelta(days=1)
    week = (day - 1) // 7 + 1 if day else 0
    week_end = start + timedelta(days=min(max(week, 1) * 7, calendar_total) - 1)
    percent = min(100, math.floor(100 * counted / target)) if target else 100
    spans = line.spans
    stage = next((s.number for s in spans if s.first_day <= max(done_days, 1) <= s.last_day), None)

    if today > end:
        status = DONE if counted >= target else MISSED
        return Pace(
            status, counted, target, calendar_total, calendar_total, 0, week, stage,
            float(target), 0, None, percent,
        )  # fmt: skip

    line_yesterday = math.floor(line.at(yesterday) + 1e-9)
    needed = max(0, math.ceil(line.at(week_end) - 1e-9) - counted)
    if today < start:
        status = UPCOMING
    elif counted >= target:
        status = DONE
    # Behind means short of where the line stood at the end of yesterday: nobody is
    # behind at breakfast on day one.
    elif counted < line_yesterday:
        status = BEHIND
    elif needed == 0:
        status = AHEAD
    else:
        status = ON_TRACK

    # The week asks no more than a humane number a day; a larger gap gets an offer
    # that keeps the rest at the plan's rate, or the humane one if that is lower.
    plan_rate = target / max(active.total, 1)
    per_day = max(FLOOR, math.floor(min(PLAN_FACTOR * plan_rate, BEST_DAY_FACTOR * best_day)))
    days_this_week = max(1, active.through(week_end) - active.through(yesterday))
    humane = per_day * days_this_week
    catch_up = None
    if needed > humane:
        rate = min(plan_rate, per_day)
        days_left = max(1, active.total - active.through(yesterday))
        remaining = max(0, target - counted)
        catch_up = CatchUp(
            per_day=per_day,
            behind=max(0, line_yesterday - counted),
            extend_days=max(0, math.ceil(remaining / rate - 1e-9) - days_left),
            lower_to=min(target, counted + max(1, math.floor(rate * days_left))),
        )
        needed = humane

    finish, reach = projection(counted, target, done_days, active.total, today, end)
    # A status and its projection never contradict each other.
    if status in (AHEAD, ON_TRACK) and finish is None:
        reach = None
    if status == BEHIND and finish is not None:
        finish = None
    return Pace(
        status=status,
        counted=counted,
        target=target,
        day=day,
        total_days=calendar_total,
        days_left=(end - max(today, start)).days + 1,
        week=week,
        stage=stage if stages > 1 else None,
        expected=round(line.at(today), 2) if today >= start else 0.0,
        needed_this_week=needed,
        projected_finish=finish,
        percent=percent,
        reach_by_end=reach,
        catch_up=catch_up,
        resting=today in rest,
    )


def target_line(
    start: date,
    end: date,
    target: int,
    stages: int = 1,
    rest: frozenset[date] = frozenset(),
    restart: tuple[date, int] | None = None,
) -> list[float]:
    """Where the target line stands at the end of each day of the challenge."""
    line = Line(start, end, target, stages, rest, restart)
    return [line.at(start + timedelta(days=n)) for n in range((end - start).days + 1)]


def projection(
    counted: int, target: int, done_days: int, total: int, today: date, end: date
) -> tuple[date | None, int | None]:
    """At the pace so far: the day the target is reached if that is by the end, else
    what the end brings. Nothing before day 3 or 5 counted, nor once the target is met."""
    if done_days < PROJECT_FROM_DAY or counted < PROJECT_FROM_COUNT or counted >= target:
        return None, None
    per_day = counted / done_days
    finish = today + timedelta(days=math.ceil((target - counted) / per_day))
    if finish <= end:
        return finish, None
    return None, math.floor(per_day * total)


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
    start: date,
    end: date,
    target: int,
    stages: int,
    daily: dict[date, int],
    today: date,
    rest: frozenset[date] = frozenset(),
    restart: tuple[date, int] | None = None,
) -> list[WeekRow]:
    """Week-by-week numbers of a challenge up to the current week: the burn-up chart's
    text alternative."""
    line = target_line(start, end, target, stages, rest, restart)
    total = len(line)
    last_day = min(max((today - start).days + 1, 1), total)
    rows, running = [], 0
    for week in range(1, (last_day - 1) // 7 + 2):
        first_day, week_end = (week - 1) * 7 + 1, min(week * 7, total)
        days = [start + timedelta(days=d - 1) for d in range(first_day, week_end + 1)]
        counted = sum(daily.get(day, 0) for day in days)
        running += counted
        target_then = math.ceil(line[week_end - 1] - 1e-9)
        rows.append(WeekRow(week, days[0], days[-1], counted, running, target_then))
    return rows
