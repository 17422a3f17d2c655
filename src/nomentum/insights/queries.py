"""The few queries that feed the pure functions in stats.py, pace.py and figures.py."""

import json
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.insights.stats import OUTCOME_KEYS, outcome_summary
from nomentum.insights.tallies import SETTLED

TOTALS = (*OUTCOME_KEYS, "game_changers", "self_rejections")


def day_rows(user: User) -> list[dict]:
    """The user's day tallies (one query over days, not asks): each a dict of the
    ``DayTally`` columns plus ``settled`` and ``replied``."""
    from nomentum.insights.models import DayTally

    found = DayTally.objects.filter(owner=user).exclude(asks=0, self_rejections=0).values()
    rows: list[dict] = [dict(row) for row in found]
    for row in rows:
        row["settled"] = sum(row[o] for o in SETTLED)
        row["replied"] = row["settled"] - row["no_response"]
    return rows


def added_up(rows: list[dict]) -> dict[str, int]:
    """Asks made per outcome, game changers and self-rejections, from ``day_rows``."""
    return {key: sum(row[key] for row in rows) for key in TOTALS}


def best_day(rows: list[dict]) -> int:
    """The most asks made in one day, from ``day_rows``."""
    per_day: dict[date, int] = {}
    for row in rows:
        per_day[row["date"]] = per_day.get(row["date"], 0) + row["asks"]
    return max(per_day.values(), default=0)


def totals(user: User) -> dict[str, int]:
    """``added_up`` in the database: the same totals without fetching the days."""
    from django.db.models import Sum

    from nomentum.insights.models import DayTally

    found = DayTally.objects.filter(owner=user).aggregate(**{k: Sum(k) for k in TOTALS})
    return {key: n or 0 for key, n in found.items()}


def user_summary(user: User) -> dict:
    """Outcome totals and the yes rate (see ``outcome_summary``)."""
    counts = totals(user)
    return outcome_summary(counts, counts["self_rejections"])


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


def insight_numbers(user: User) -> dict:
    """Everything the insights are computed from: the user's tallies (rows per day and
    tier, per method, category and pitch, per reason and per wait — not per ask) and the
    follow-ups. Asks made only, self-rejections aside, except in ``totals``."""
    from django.db.models import OuterRef, Subquery

    from nomentum.asks.models import Pitch
    from nomentum.insights.models import AnswerTally, MixTally, NoteTally

    days = day_rows(user)
    daily = [row for row in days if row["asks"]]
    # The breakdowns: rows per (method, category, pitch), added up each way.
    by: dict[str, dict] = {"method": {}, "category": {}, "pitch__name": {}}
    pitch_name = Subquery(Pitch.objects.filter(pk=OuterRef("pitch")).values("name")[:1])
    mix = MixTally.objects.filter(owner=user, asks__gt=0).annotate(pitch__name=pitch_name)
    for row in mix.values("method", "category", "pitch__name", "asks", "settled", "replied", "yes"):
        for name in by:
            was = by[name].get(row[name], (0, 0, 0, 0))
            now = (row["asks"], row["settled"], row["replied"], row["yes"])
            by[name][row[name]] = tuple(a + b for a, b in zip(was, now, strict=True))
    notes: dict[str, list] = {kind: [] for kind in NoteTally.Kind.values}
    for kind, key, n in NoteTally.objects.filter(owner=user, n__gt=0).values_list(
        "kind", "key", "n"
    ):
        notes[kind].append((json.loads(key) if kind == NoteTally.Kind.OBJECTIONS else key, n))
    answered = list(
        AnswerTally.objects.filter(owner=user, n__gt=0).values_list("method", "days", "n")
    )
    return {
        "totals": added_up(days),
        "daily": daily,
        "by": by,
        "objections": notes[NoteTally.Kind.OBJECTIONS],
        "skills": notes[NoteTally.Kind.SKILL],
        "answered": answered,
        "conversion": followup_conversion(user),
    }


def followup_conversion(user: User) -> dict:
    """Asks that had follow-ups which could change the answer (due by now, not the
    thank-you for a yes): those with one done against the rest, and how many of each
    ended in a yes or a referral. Driven by the follow-ups, not by every ask."""
    from nomentum.asks.access import followups_for_user

    theirs = (
        followups_for_user(user)
        .order_by()
        .filter(due__lte=timezone.localdate())
        .exclude(kind="thank-yes")
    )
    done = Q(pk__in=theirs.filter(status="done").values("ask"))
    won = Q(outcome="yes") | Q(referral__isnull=False)
    found = (
        asks_for_user(user)
        .order_by()
        .filter(self_rejection=False, pk__in=theirs.values("ask"))
        .aggregate(
            done=Count("id", filter=done),
            done_won=Count("id", filter=done & won),
            open=Count("id", filter=~done),
            open_won=Count("id", filter=~done & won),
        )
    )
    return {key: n or 0 for key, n in found.items()}
