from django.db.models import Count

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.insights.stats import outcome_summary


def user_summary(user: User) -> dict:
    """Outcome totals in one grouped query."""
    rows = (
        asks_for_user(user).order_by().values("self_rejection", "outcome").annotate(n=Count("id"))
    )
    counts: dict[str, int] = {}
    self_rejections = 0
    for row in rows:
        if row["self_rejection"]:
            self_rejections += row["n"]
        else:
            counts[row["outcome"]] = counts.get(row["outcome"], 0) + row["n"]
    return outcome_summary(counts, self_rejections)
