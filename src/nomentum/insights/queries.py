from django.db.models import Count

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.insights.stats import outcome_summary


def user_summary(user: User) -> dict:
    """Outcome totals: two index-only queries, however many asks there are."""
    asks = asks_for_user(user).order_by()
    rows = asks.filter(self_rejection=False).values("outcome").annotate(n=Count("id"))
    counts = {row["outcome"]: row["n"] for row in rows}
    return outcome_summary(counts, asks.filter(self_rejection=True).count())
