"""What a spreadsheet can't show: pure functions over plain numbers (no database here).

``queries.py`` gathers the numbers in a few aggregate queries; these functions turn them
into the figures of the Insights page, the dashboard, ``nomentum insights`` and the API.
Every rate comes with its 95 % Wilson interval, and nothing is ranked or compared on
too few answers.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

Z95 = 1.959964  # the normal quantile for a two-sided 95 % interval
ENOUGH = 10  # the fewest answers a rate is shown or compared on
TYPICAL_MINIMUM = 20  # answered asks before the "typical 100 asks" comparison
# The ladder's expected share of no's (a no or silence) per tier.
LADDER = {"comfort": 0.90, "stretch": 0.95, "moonshot": 0.99}
TYPICAL_YES = (0.15, 0.20)  # the yes rate the practice expects while you have few answers


@dataclass(frozen=True)
class Rate:
    """k of n, with its 95 % Wilson interval (None when n is 0)."""

    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.k, self.n)

    @property
    def enough(self) -> bool:
        return self.n >= ENOUGH


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval for k successes in n trials (None for n = 0)."""
    if n == 0:
        return None
    p = k / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    divisor = 1 + z * z / n
    return max(0.0, (centre - spread) / divisor), min(1.0, (centre + spread) / divisor)


def percent(x: float | None) -> str:
    return "—" if x is None else f"{round(x * 100):d} %"


# --- the fear curve ------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """Sums of 0–10 scores: how many asks carried each, and their total."""

    fear_n: int = 0
    fear_sum: int = 0
    sting_n: int = 0
    sting_sum: int = 0

    def __add__(self, other: "Scores") -> "Scores":
        return Scores(
            self.fear_n + other.fear_n,
            self.fear_sum + other.fear_sum,
            self.sting_n + other.sting_n,
            self.sting_sum + other.sting_sum,
        )

    @property
    def fear(self) -> float | None:
        return round(self.fear_sum / self.fear_n, 1) if self.fear_n else None

    @property
    def sting(self) -> float | None:
        return round(self.sting_sum / self.sting_n, 1) if self.sting_n else None


@dataclass(frozen=True)
class FearWeek:
    number: int  # 1 = the week of the first scored ask
    start: date
    scores: Scores
    by_tier: dict[str, Scores] = field(default_factory=dict)


def week_start(day: date, first_weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def fear_curve(daily: Iterable[tuple[date, str, Scores]], first_weekday: int = 0) -> list[FearWeek]:
    """Weekly means of fear before and sting after, overall and per tier, from the first
    week with a score to the last (weeks without scores included, with none)."""
    weeks: dict[date, dict[str, Scores]] = {}
    for day, tier, scores in daily:
        if not (scores.fear_n or scores.sting_n):
            continue
        bucket = weeks.setdefault(week_start(day, first_weekday), {})
        bucket[tier] = bucket.get(tier, Scores()) + scores
    if not weeks:
        return []
    first, last = min(weeks), max(weeks)
    found = []
    for number in range((last - first).days // 7 + 1):
        start = first + timedelta(weeks=number)
        tiers = weeks.get(start, {})
        total = sum(tiers.values(), Scores())
        found.append(FearWeek(number + 1, start, total, {t: s for t, s in tiers.items() if t}))
    return found


HEADLINE_MINIMUM = 3  # fear scores a week needs before the headline speaks of it


@dataclass(frozen=True)
class TierTrend:
    """Fear before asks of one tier: its first and its latest week with a fear score."""

    tier: str
    first: FearWeek
    first_scores: Scores
    last: FearWeek
    last_scores: Scores


def tier_trends(curve: list[FearWeek]) -> list[TierTrend]:
    """Per tier of the ladder, fear in the first and the latest week it was scored (one
    week alone is no trend, and is left out)."""
    found = []
    for tier in LADDER:
        scored = [w for w in curve if w.by_tier.get(tier, Scores()).fear_n]
        if len(scored) >= 2:
            first, last = scored[0], scored[-1]
            found.append(TierTrend(tier, first, first.by_tier[tier], last, last.by_tier[tier]))
    return found


def fear_headline(curve: list[FearWeek]) -> str | None:
    """One line on how fear before asking moved: from the first week with enough fear
    scores to the last one (a week just begun with one ask says little). Weeks are
    numbered from the first week with any fear score, wherever they are shown."""
    scored = [w for w in curve if w.scores.fear is not None]
    enough = [w for w in scored if w.scores.fear_n >= HEADLINE_MINIMUM]
    if len(enough) < 2:
        return None
    first, last = enough[0], enough[-1]

    def number(week: FearWeek) -> int:
        return (week.start - scored[0].start).days // 7 + 1

    before, after = first.scores.fear or 0.0, last.scores.fear or 0.0
    if before == after:
        return (
            f"Your fear before asking holds at {before} from week {number(first)} "
            f"to week {number(last)}."
        )
    moved = "fell" if after < before else "rose"
    return (
        f"Your fear before asking {moved} from {before} in week {number(first)} "
        f"to {after} in week {number(last)}."
    )


# --- the ladder ------------------------------------------------------------------------


@dataclass(frozen=True)
class TierCalibration:
    tier: str
    expected_no: float
    no: Rate  # no's and silences among the tier's answered asks
    hint: str


def calibration(answered: Mapping[str, tuple[int, int]]) -> list[TierCalibration]:
    """Per tier: (no's and silences, answered asks) against the ladder's expectation."""
    rows = []
    for tier, expected in LADDER.items():
        nos, n = answered.get(tier, (0, 0))
        rate = Rate(nos, n)
        rows.append(TierCalibration(tier, expected, rate, _ladder_hint(tier, rate, expected)))
    return rows


def _ladder_hint(tier: str, rate: Rate, expected: float) -> str:
    if not rate.enough:
        more = ENOUGH - rate.n
        return f"Too few answers yet: {more} more {tier} answer{'s' if more != 1 else ''}."
    low, high = rate.interval or (0.0, 1.0)
    yeses = rate.n - rate.k
    if high < expected:
        return (
            f"Your {tier} asks got a yes or part of one {yeses} times in {rate.n} — more "
            "than the ladder expects. Aim higher."
        )
    if low > expected:
        return f"Your {tier} asks are harder than the ladder expects: fine, if it was on purpose."
    return f"Your {tier} asks land about as the ladder expects."


# --- answers: rates, objections, time to answer ------------------------------------------


@dataclass(frozen=True)
class Breakdown:
    key: str  # a method, a category, a weekday, a pitch…
    asks: int
    replied: Rate  # any answer but silence, of the settled asks
    yes: Rate  # yeses of the settled asks
    label: str = ""  # what people read ("In person" for in_person)


def breakdown(
    rows: Mapping[str, tuple[int, int, int, int]], labels: Mapping[str, str] | None = None
) -> list[Breakdown]:
    """From {key: (asks, settled, replied, yes)} rows, ranked by yes rate only among keys
    with enough settled answers (the others follow, by number of asks)."""
    names = labels or {}
    found = [
        Breakdown(key, asks, Rate(replied, settled), Rate(yes, settled), names.get(key, key))
        for key, (asks, settled, replied, yes) in rows.items()
    ]
    ranked = sorted((b for b in found if b.yes.enough), key=lambda b: -(b.yes.value or 0))
    rest = sorted((b for b in found if not b.yes.enough), key=lambda b: -b.asks)
    return ranked + rest


def clearly_better(a: Rate, b: Rate) -> bool:
    """Whether a's rate is above b's beyond doubt: both have enough answers and the
    intervals don't overlap. Never a winner from three asks."""
    if not (a.enough and b.enough):
        return False
    return (a.interval or (0, 0))[0] > (b.interval or (1, 1))[1]


THEIR_SIDE = ("timing", "budget", "not-hiring", "already-have")


@dataclass(frozen=True)
class Objections:
    nos: int  # no's with at least one reason noted
    counts: list[tuple[str, int]]  # most common first
    their_side: Rate  # no's with a reason on their side
    headline: str | None


def objections(per_no: Iterable[tuple[list[str], int]]) -> Objections:
    """From (the reasons of a no, how many no's gave exactly those) pairs."""
    counts: dict[str, int] = {}
    noted = theirs = 0
    for reasons, times in per_no:
        if not reasons:
            continue
        noted += times
        theirs += times if any(r in THEIR_SIDE for r in reasons) else 0
        for reason in set(reasons):
            counts[reason] = counts.get(reason, 0) + times
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    share = Rate(theirs, noted)
    headline = None
    if noted >= 5:
        headline = (
            f"{percent(share.value)} of your no's with a reason were on their side — "
            "timing, budget, not hiring or someone already in place."
        )
    return Objections(noted, ranked, share, headline)


def answer_days(rows: Iterable[tuple[str, timedelta | int, int]]) -> dict[str, tuple[float, int]]:
    """Median days from ask to answer, by method, from (method, days waited, how many
    answers waited that long): {method: (median days, answers)}."""
    counts: dict[str, dict[int, int]] = {}
    for method, waited, times in rows:
        days = waited.days if isinstance(waited, timedelta) else int(waited)
        per = counts.setdefault(method or "unknown", {})
        per[days] = per.get(days, 0) + times
    return {m: (_median(per), sum(per.values())) for m, per in sorted(counts.items())}


def _median(histogram: Mapping[int, int]) -> float:
    """The median of values given as {value: how many times}."""
    total = sum(histogram.values())
    middle = [(total - 1) // 2, total // 2]  # the one or two middle positions
    found, seen = [], 0
    for value in sorted(histogram):
        seen_before, seen = seen, seen + histogram[value]
        found += [value for m in middle if seen_before <= m < seen]
    return sum(found) / len(found)


# --- the law of large numbers ------------------------------------------------------------


def yes_rate_for_planning(yes: int, settled: int) -> tuple[float, float, bool]:
    """(low, high, own): the user's yes-rate interval once they have enough answers,
    else the practice's typical 15–20 %."""
    if settled >= ENOUGH:
        low, high = wilson(yes, settled) or TYPICAL_YES
        return low, high, True
    return *TYPICAL_YES, False


def expected_yeses(remaining: int, low: float, high: float) -> tuple[int, int]:
    """How many yeses ``remaining`` more asks should bring, as a range."""
    return math.floor(remaining * low), math.ceil(remaining * high)


def asks_for_nos(nos: int, low: float, high: float) -> tuple[int, int]:
    """How many asks ``nos`` more no's take when a share between low and high of asks is
    a yes (every other ask counted as a no): (fewest, most)."""
    return math.ceil(nos / (1 - low)), math.ceil(nos / (1 - min(high, 0.95)))


def asks_needed(yeses_wanted: int, low: float, high: float) -> tuple[int, int | None] | None:
    """How many asks ``yeses_wanted`` yeses take at a rate between low and high (the
    fewest at the high rate, the most at the low one — None when the low rate is zero:
    no upper bound can be claimed); None when even the high rate is zero."""
    if yeses_wanted <= 0:
        return 0, 0
    if high <= 0:
        return None
    fewest = math.ceil(yeses_wanted / high)
    return fewest, (math.ceil(yeses_wanted / low) if low > 0 else None)


# --- streaks and badges ------------------------------------------------------------------


def streak(
    days: set[date], today: date, grace_per_week: int = 1, rest: frozenset[date] = frozenset()
) -> int:
    """Days in a row, up to today, with at least one ask. Rest days keep it (and don't
    add to it); one missed day in any seven is forgiven too; today not having an ask yet
    does not break it."""
    count, day = 0, today
    missed: list[date] = []
    if day not in days:
        day -= timedelta(days=1)  # the day isn't over: no ask yet is no miss yet
    while True:
        if day in days:
            count += 1
        elif day in rest:
            if not any(d <= day for d in days):
                break  # nothing before the rest to keep
        else:
            recent = [d for d in missed if (d - day).days < 7]
            if len(recent) >= grace_per_week or (count == 0 and missed):
                break
            missed.append(day)
        day -= timedelta(days=1)
    return count


HEATMAP_WEEKS = 53


def heatmap(
    daily: Mapping[date, int], today: date, weeks: int = HEATMAP_WEEKS
) -> list[list[int | None]]:
    """Asks per day for the last ``weeks`` weeks, as columns of Monday…Sunday (None for
    days after today)."""
    first = week_start(today, 0) - timedelta(weeks=weeks - 1)
    columns = []
    for w in range(weeks):
        column: list[int | None] = []
        for d in range(7):
            day = first + timedelta(days=7 * w + d)
            column.append(None if day > today else daily.get(day, 0))
        columns.append(column)
    return columns
