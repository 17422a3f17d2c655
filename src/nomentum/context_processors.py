from django.conf import settings

from nomentum.asks.models import Outcome

# The buttons shown on a pending ask, in the order people most often need them.
ONE_TAP = (
    (Outcome.NO, "No"),
    (Outcome.YES, "Yes"),
    (Outcome.NO_RESPONSE, "No reply"),
    (Outcome.PARTIAL, "Partly"),
)

ASK_COLUMNS = (
    ("date", "Date"),
    ("request", "Request"),
    ("method", "Via"),
    ("tier", "Tier"),
    ("outcome", "Outcome"),
)


FOLLOWUP_ACTIONS = (("done", "Done"), ("snooze", "Snooze 3 days"), ("dismiss", "Dismiss"))


def site(request):
    return {
        "signup_open": settings.SIGNUP_OPEN,
        "outcomes": Outcome,
        "one_tap": ONE_TAP,
        "columns": ASK_COLUMNS,
        "followup_actions": FOLLOWUP_ACTIONS,
    }
