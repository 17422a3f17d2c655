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


# --- the Insights page ------------------------------------------------------------------

SETTLED = ("yes", "no", "no_response", "partial")


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
    from django.db.models.functions import ExtractIsoWeekDay

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
    by = {}
    for name, key in (("method", "method"), ("category", "category")):
        by[name] = {
            row[key]: (row["asks"], row["settled"], row["replied"], row["yes"])
            for row in made.values(key).annotate(**_outcome_counts())
        }
    by["weekday"] = {
        row["weekday"]: (row["asks"], row["settled"], row["replied"], row["yes"])
        for row in made.annotate(weekday=ExtractIsoWeekDay("date"))
        .values("weekday")
        .annotate(**_outcome_counts())
    }
    objections = list(
        made.filter(outcome="no").exclude(objections=[]).values_list("objections", flat=True)
    )
    skills = list(made.exclude(missing_skill="").values("missing_skill").annotate(n=Count("id")))
    answered = list(
        made.filter(answered_on__isnull=False, outcome__in=("yes", "no", "partial")).values_list(
            "method", "date", "answered_on"
        )
    )
    # Asks that had follow-ups: those with one done against the rest, and how many of
    # each ended in a yes or a referral.
    theirs = followups_for_user(user).filter(ask=OuterRef("pk"))
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
