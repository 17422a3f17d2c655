"""Pure functions over plain numbers; the queries that feed them live in queries.py."""

from collections.abc import Mapping

OUTCOME_KEYS = ("yes", "no", "no_response", "pending", "partial")


def outcome_summary(counts: Mapping[str, int], self_rejections: int = 0) -> dict:
    """Totals and the yes rate.

    The yes rate is yeses over answered asks (pending ones have no answer yet);
    None until there is an answered ask.
    """
    outcomes = {key: int(counts.get(key, 0)) for key in OUTCOME_KEYS}
    asks = sum(outcomes.values())
    answered = asks - outcomes["pending"]
    return {
        "asks": asks,
        "outcomes": outcomes,
        "answered": answered,
        "yes_rate": round(outcomes["yes"] / answered, 4) if answered else None,
        "self_rejections": self_rejections,
    }
