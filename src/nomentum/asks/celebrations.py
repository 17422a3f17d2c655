"""What Nomentum says when an answer comes in. Copy and milestones are data;
``celebrate`` is the one small engine that picks from them."""

from dataclasses import dataclass

from nomentum.asks.models import Outcome

MILESTONES = (1, 10, 25, 50, 100, 250, 500, 1000)

MILESTONE_MESSAGES = {
    1: "Your first no. The hardest one is behind you.",
    10: "Ten no's. You are doing the thing most people only think about.",
    25: "25 no's: a whole week of the 100-in-30 challenge's worth of courage.",
    50: "50 no's. The sting is shrinking, even if it doesn't feel like it yet.",
    100: "100 no's. A hundred times you asked anyway. That is who you are now.",
    250: "250 no's. Somewhere in there are the yeses that change things.",
    500: "500 no's. Rejection has become a habit instead of a threat.",
    1000: "1,000 no's. The long form, done. Take a bow.",
}

NO_MESSAGES = (
    "A no! That one counts. Well asked.",
    "No is a result, and you earned it by asking.",
    "Another no in the bank. The fear just lost a little ground.",
    "They said no; you said something brave first.",
    "Counted. Most no's aren't about you. Asking was.",
    "A clean no. Nothing broke, and you're one ask stronger.",
)

YES_MESSAGES = (
    "A yes! This is why we ask.",
    "Yes! Write down what worked while it's fresh.",
    "They said yes. Enjoy it, then ask for something bigger.",
    "A yes from asking boldly. Remember this one next time the fear talks.",
)

PARTIAL_MESSAGES = (
    "A counter-offer is a door half open. Nice work.",
    "Partly yes: you moved something by asking.",
)

NO_RESPONSE_MESSAGES = (
    "Silence counts as an ask made. You did your part.",
    "No answer yet is not a verdict on you. It still counts as courage.",
)

_MESSAGES = {
    Outcome.NO: NO_MESSAGES,
    Outcome.YES: YES_MESSAGES,
    Outcome.PARTIAL: PARTIAL_MESSAGES,
    Outcome.NO_RESPONSE: NO_RESPONSE_MESSAGES,
}


@dataclass(frozen=True)
class Toast:
    message: str
    tags: str = ""
    link: str = ""
    link_text: str = ""


@dataclass(frozen=True)
class Celebration:
    message: str
    milestone: int | None = None

    @property
    def is_milestone(self) -> bool:
        return self.milestone is not None

    @property
    def tags(self) -> str:
        return "celebrate milestone" if self.is_milestone else "celebrate"


def celebrate(outcome: str, previous: str | None, nos: int, seed: int) -> Celebration | None:
    """The message for an ask whose outcome became ``outcome`` (was ``previous``).

    ``nos`` is the user's count of no's including this ask; ``seed`` varies the copy
    without making it random in tests.
    """
    if outcome == previous or outcome not in _MESSAGES:
        return None
    if outcome == Outcome.NO and nos in MILESTONE_MESSAGES:
        return Celebration(MILESTONE_MESSAGES[nos], milestone=nos)
    messages = _MESSAGES[Outcome(outcome)]
    return Celebration(messages[seed % len(messages)])
