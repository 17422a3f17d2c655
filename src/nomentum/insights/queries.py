"""The few queries that feed the pure functions in stats.py and pace.py."""

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek

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
