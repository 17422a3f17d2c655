"""Weeks as a person lives them: in their time zone, starting on their own first day.

A week is named by the ISO week of its Monday ("2026-W48"), so a week that starts on
Sunday 22 November and one that starts on Monday 23 November share a name, and a
reflection keeps its week when its author changes the first day of their week.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONDAY, SUNDAY = 0, 6
WEEK_HINT = "Write the week as YYYY-Www, e.g. 2026-W48."
_NAME = re.compile(r"^([0-9]{4})-W([0-9]{2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # weeks outside these years are no one's journal


@dataclass(frozen=True, order=True)
class Week:
    start: date

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def name(self) -> str:
        monday = self.start if self.start.weekday() == MONDAY else self.start + timedelta(1)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"

    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(7)]

    def after(self, weeks: int = 1) -> "Week":
        return Week(self.start + timedelta(weeks=weeks))

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start:%-d}–{self.end:%-d %b %Y}"
        return f"{self.start:%-d %b} – {self.end:%-d %b %Y}"


def week_of(day: date, week_start: int = MONDAY) -> Week:
    """The week that ``day`` falls in, for someone whose week begins on ``week_start``
    (0 Monday, 6 Sunday: Python's weekday numbers)."""
    return Week(day - timedelta(days=(day.weekday() - week_start) % 7))


def named(name: str, week_start: int = MONDAY) -> Week:
    """The week called ``name`` ("2026-W48"); ValueError with a hint if there is none."""
    found = _NAME.match(name)
    if not found:
        raise ValueError(WEEK_HINT)
    if not FIRST_YEAR <= int(found[1]) <= LAST_YEAR:
        raise ValueError(f"Pick a week between {FIRST_YEAR} and {LAST_YEAR}. {WEEK_HINT}")
    try:
        monday = date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        raise ValueError(f"There is no week {name.strip()}. {WEEK_HINT}") from None
    return Week(monday if week_start == MONDAY else monday - timedelta(days=1))


def is_review_time(today: date, week_start: int = MONDAY) -> bool:
    """The last day of a week or the first of the next: when the dashboard offers the
    week in review."""
    return today.weekday() in ((week_start - 1) % 7, week_start)


def week_to_review(today: date, week_start: int = MONDAY) -> Week:
    """On the first day of a week, the week just ended; otherwise this week."""
    this = week_of(today, week_start)
    return this.after(-1) if today.weekday() == week_start else this
