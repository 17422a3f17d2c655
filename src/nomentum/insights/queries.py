"""The few queries that feed the pure functions in stats.py and pace.py."""

from datetime import date

from django.db.models import Count, F, Func, IntegerField, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.insights.stats import OUTCOME_KEYS, outcome_summary


def summary_filters() -> dict[str, Q]:
    """Conditional counts that, added to another aggregate, give ``outcome_summary``."""
    filters = {f"outcome_{key}": Q(self_rejection=False, outcome=key) for key in OUTCOME_KEYS}
    filters["self_rejections"] = Q(self_rejection=True)
    return filters


def summary_from_counts(counts: dict[str, int]) -> dict:
    outcomes = {key: counts[f"outcome_{key}"] for key in OUTCOME_KEYS}
    return outcome_summary(outcomes, counts["self_rejections"])


def user_summary(user: User) -> dict:
    """Outcome totals: two index-only queries, however many asks there are."""
    asks = asks_for_user(user).order_by()
    rows = asks.filter(self_rejection=False).values("outcome").annotate(n=Count("id"))
    counts = {row["outcome"]: row["n"] for row in rows}
    return outcome_summary(counts, asks.filter(self_rejection=True).count())


def counts_by_filter(user: User, filters: dict[str, Q]) -> dict[str, int]:
    """Many counts over the user's asks in one query: {name: number of asks matching}."""
    if not filters:
        return {}
    return (
        asks_for_user(user)
        .order_by()
        .aggregate(**{name: Count("id", filter=q) for name, q in filters.items()})
    )


def daily_counts(user: User, q: Q) -> dict[date, int]:
    rows = asks_for_user(user).order_by().filter(q).values("date").annotate(n=Count("id"))
    return {row["date"]: row["n"] for row in rows}


def best_week(user: User, q: Q) -> int:
    """The most asks matching ``q`` in any one calendar week so far."""
    row = (
        asks_for_user(user)
        .order_by()
        .filter(q)
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return row["n"] if row else 0


# --- the Insights page ------------------------------------------------------------------

SETTLED = ("yes", "no", "no_response", "partial")


class DaysBetween(Func):
    """Whole days from one date column to another, in the database's own arithmetic."""

    output_field = IntegerField()

    def __init__(self, start: str, end: str):
        super().__init__(F(end), F(start))

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")


def _outcome_counts() -> dict:
    """Counts that every breakdown needs: asks, settled answers, replies, yeses."""
    return {
        "asks": Count("id"),
        "settled": Count("id", filter=Q(outcome__in=SETTLED)),
        "replied": Count("id", filter=Q(outcome__in=("yes", "no", "partial"))),
        "yes": Count("id", filter=Q(outcome="yes")),
    }


def score_days(user: User) -> list[dict]:
    """Fear and sting sums per day and tier (the fear curve's only query)."""
    from django.db.models import Sum

    return list(
        asks_for_user(user)
        .order_by()
        .filter(self_rejection=False)
        .exclude(fear_before__isnull=True, sting_after__isnull=True)
        .values("date", "tier")
        .annotate(
            fear_n=Count("fear_before"),
            fear_sum=Sum("fear_before"),
            sting_n=Count("sting_after"),
            sting_sum=Sum("sting_after"),
        )
    )


def insight_numbers(user: User) -> dict:
    """Everything the insights are computed from, in a handful of aggregate queries over
    the user's asks made (self-rejections aside)."""
    from django.db.models import Exists, OuterRef, Sum

    from nomentum.asks.access import followups_for_user

    made = asks_for_user(user).order_by().filter(self_rejection=False)
    daily = list(
        made.values("date", "tier").annotate(
            fear_n=Count("fear_before"),
            fear_sum=Sum("fear_before"),
            sting_n=Count("sting_after"),
            sting_sum=Sum("sting_after"),
            nos=Count("id", filter=Q(outcome="no")),
            silent=Count("id", filter=Q(outcome="no_response")),
            **_outcome_counts(),
        )
    )
    # One pass for the breakdowns: counts per (method, category, pitch), added up each way.
    by: dict[str, dict] = {"method": {}, "category": {}, "pitch__name": {}}
    for row in made.values("method", "category", "pitch__name").annotate(**_outcome_counts()):
        for name in by:
            was = by[name].get(row[name], (0, 0, 0, 0))
            now = (row["asks"], row["settled"], row["replied"], row["yes"])
            by[name][row[name]] = tuple(a + b for a, b in zip(was, now, strict=True))
    # The same list of reasons is stored many times: count each list once.
    objections = [
        (row["objections"], row["n"])
        for row in made.filter(outcome="no")
        .exclude(objections=[])
        .values("objections")
        .annotate(n=Count("id"))
    ]
    skills = list(made.exclude(missing_skill="").values("missing_skill").annotate(n=Count("id")))
    # Days from ask to answer, counted per method and number of days (a histogram: the
    # medians come from it without fetching every ask).
    waited = DaysBetween("date", "answered_on")
    # Only answers recorded after the ask was logged: an ask logged late with its
    # outcome already known says nothing about how long the answer took.
    answered = [
        (row["method"], row["waited"], row["n"])
        for row in made.filter(
            answered_on__isnull=False,
            outcome__in=("yes", "no", "partial"),
            created_at__date__lt=F("answered_on"),
        )
        .annotate(waited=waited)
        .values("method", "waited")
        .annotate(n=Count("id"))
    ]
    # Asks that had follow-ups: those with one done against the rest, and how many of
    # each ended in a yes or a referral.
    # Follow-ups that could change the answer: due by now, and not the thank-you for a yes.
    theirs = (
        followups_for_user(user)
        .filter(ask=OuterRef("pk"), due__lte=timezone.localdate())
        .exclude(kind="thank-yes")
    )
    followed = made.filter(Exists(theirs)).annotate(was_done=Exists(theirs.filter(status="done")))
    won = Q(outcome="yes") | Q(referral__isnull=False)
    conversion = followed.aggregate(
        done=Count("id", filter=Q(was_done=True)),
        done_won=Count("id", filter=Q(was_done=True) & won),
        open=Count("id", filter=Q(was_done=False)),
        open_won=Count("id", filter=Q(was_done=False) & won),
    )
    return {
        "daily": daily,
        "by": by,
        "objections": objections,
        "skills": [(row["missing_skill"], row["n"]) for row in skills],
        "answered": answered,
        "conversion": conversion,
    }


def headline_weeks(user: User, first_weekday: int, minimum: int, look: int = 200) -> list:
    """The first and the last week with at least ``minimum`` fear scores, as FearWeek-like
    (start, mean fear, scores) triples plus the first scored week's start: what the
    dashboard's headline needs, from the ends of the date index, not every ask."""
    from datetime import timedelta

    from django.db.models import Avg

    scored = asks_for_user(user).order_by().filter(self_rejection=False, fear_before__isnull=False)

    def week_start(day: date) -> date:
        return day - timedelta(days=(day.weekday() - first_weekday) % 7)

    def first_full(dates: list[date]) -> date | None:
        counts: dict[date, int] = {}
        for day in dates:
            start = week_start(day)
            counts[start] = counts.get(start, 0) + 1
            if counts[start] >= minimum:
                return start
        return None

    earliest = list(scored.order_by("date", "id").values_list("date", flat=True)[:look])
    if not earliest:
        return []
    latest = list(scored.order_by("-date", "-id").values_list("date", flat=True)[:look])
    found = [first_full(earliest), first_full(latest)]
    if None in found or found[0] == found[1]:
        return []
    weeks: list = [week_start(earliest[0])]
    for start in found:
        assert start is not None
        row = scored.filter(date__range=(start, start + timedelta(days=6))).aggregate(
            fear=Avg("fear_before"), n=Count("id")
        )
        weeks.append((start, row["fear"], row["n"]))
    return weeks
