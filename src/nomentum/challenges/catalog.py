"""The challenge templates, as data. ``TEMPLATES`` is read by the start form, the
CLI and the pace engine; nothing else decides what a template means."""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta


def month_of(today: date) -> tuple[date, date]:
    """ "This month" for a monthly challenge or group: the calendar month, or the next one
    from the 25th on, when too little of this one is left."""
    first = today.replace(day=1)
    if today.day >= 25:
        first = (first + timedelta(days=32)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


@dataclass(frozen=True)
class Stage:
    name: str
    theme: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    slug: str
    title: str
    summary: str
    target: int
    days: int | None  # None: the calendar month the challenge starts in
    stages: tuple[Stage, ...] = field(default=())
    weekly_goal: int | None = None  # a personal weekly goal, for the monthly form

    def default_start(self, today: date) -> date:
        return month_of(today)[0] if self.days is None else today

    def end_for(self, start: date, days: int | None = None) -> date:
        if days is None and self.days is None:
            return start.replace(day=calendar.monthrange(start.year, start.month)[1])  # its month
        return start + timedelta(days=(days or self.days or 30) - 1)

    def default_name(self, start: date) -> str:
        if self.days is None:
            return f"{calendar.month_name[start.month]} of NO {start.year}"
        return f"{self.title} from {start:%-d %b %Y}"


HUNDRED_IN_THIRTY = Template(
    slug="100-in-30",
    title="100 in 30",
    summary="A hundred rejections in thirty days, in four weekly stages of 25 that "
    "climb from warm-up asks to your boldest ones.",
    target=100,
    days=30,
    stages=(
        Stage(
            "Warming up",
            "Low-stakes asks to people you admire: where a no costs nothing.",
            (
                "Cold-email someone whose work you admire",
                "Ask for a 20-minute informational interview",
                "Ask for feedback on something you made",
                "Ask to connect with a leader in your field",
            ),
        ),
        Stage(
            "Raising the stakes",
            "Asks with something real on the line.",
            (
                "Apply for a job that asks for twice your experience",
                "Pitch a talk or an article",
                "Ask someone to mentor you",
                "Ask for an introduction, or propose a role that doesn't exist yet",
            ),
        ),
        Stage(
            "Going big",
            "Asks that feel slightly outrageous.",
            (
                "Email a CEO",
                "Apply for a senior role",
                "Pitch a partnership, or ask to shadow someone for a day",
                "Ask for a 50–100 % raise, a podcast slot or a big stage",
            ),
        ),
        Stage(
            "Maximum boldness",
            "The moonshots you have been saving.",
            (
                "Pitch a consulting engagement",
                "Ask for equity or a board seat",
                "Ask for a sabbatical",
                "Apply for a role abroad",
            ),
        ),
    ),
)

THOUSAND_IN_A_YEAR = Template(
    slug="1000-in-365",
    title="1,000 in a year",
    summary="The long form: a thousand rejections in a year. At a 1 % yes rate that is "
    "still ten wins.",
    target=1000,
    days=365,
)

MONTHLY_GROUP = Template(
    slug="monthly-group",
    title="A month of NO",
    summary="A calendar month with a personal weekly goal, like the group challenge "
    "“November of NO”: 3 pitch rejections a week make 12 in the month.",
    target=12,
    days=None,
    weekly_goal=3,
)

CUSTOM = Template(
    slug="custom",
    title="Custom",
    summary="Any target over any number of days: start small if you like, 10 in 14 days "
    "is a fine first challenge.",
    target=50,
    days=30,
)

TEMPLATES = {t.slug: t for t in (HUNDRED_IN_THIRTY, THOUSAND_IN_A_YEAR, MONTHLY_GROUP, CUSTOM)}
WEEKS_IN_A_MONTH_GOAL = 4  # "3 a week" makes 12 in the month
