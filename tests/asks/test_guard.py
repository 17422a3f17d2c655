"""Each text rule of the ethics guard: asks that must be flagged, and near misses that
must pass."""

import pytest

from nomentum.asks.guard import RULES, check_text

CASES = {
    "money-from-strangers": (
        [
            "Ask a stranger for $5",
            "Ask random people on the street to give me money",
            "Ask a passer-by to pay for my coffee",
            "Ask strangers for cash for my trip",
        ],
        [
            "Ask a café for a free refill",
            "Ask an investor for funding for your business",
            "Ask a shop whether there is any discount today",
        ],
    ),
    "reassurance-about-looks-or-worth": (
        [
            "Ask a coworker if I'm attractive",
            "Ask people to rate my looks",
            "Ask my date whether I am good enough",
            "Ask a stranger: do you find me attractive?",
        ],
        [
            "Ask a friend to look at your dating profile and suggest one change",
            "Ask for feedback on my pitch deck",
            "Ask whether I am a good fit for the role",
        ],
    ),
    "joining-strangers-uninvited": (
        [
            "Crash a wedding and ask for cake",
            "Join strangers' table at dinner",
            "Show up uninvited to the team offsite",
            "Go to their party without being invited",
        ],
        [
            "Ask a group at a meetup whether you can join their conversation",
            "Ask to join a sports team that already plays together",
        ],
    ),
    "pressure-after-refusal": (
        [
            "Ask her again after she said no",
            "Keep texting him until he replies",
            "I won't take no for an answer",
            "Call them again even though they said no",
            "Try to change her mind about the date",
        ],
        [
            "Ask a hiring manager who turned you down what would have made you stronger",
            "Ask for a second date before the evening ends",
        ],
    ),
    "contact-details-from-strangers": (
        [
            "Ask a stranger for their phone number",
            "Ask a woman on the bus where she lives",
            "Ask random people for their Instagram",
        ],
        [
            "Ask someone at a speed-dating event for their number",
            "Ask a stranger for directions to the station",
        ],
    ),
    "involving-minors": (
        [
            "Ask a 15-year-old out",
            "Message a teenager on Instagram",
            "Ask kids at the park to play a game with me",
        ],
        [
            "Ask a parent at school pick-up whether they want to grab a coffee",
            "Ask the school to host a reading",
            "Ask a 25-year-old colleague for advice",
        ],
    ),
    "deception": (
        [
            "Pretend to be a journalist to get a meeting",
            "Lie about my experience on the call",
            "Make up an emergency to skip the queue",
            "Pose as a customer to see their prices",
        ],
        ["Ask honestly for a discount", "Tell a date clearly that you'd like to see them again"],
    ),
}


def test_every_rule_has_cases_and_kind_words():
    assert set(CASES) == {rule.id for rule in RULES}
    for rule in RULES:
        assert rule.explanation.endswith(".") and rule.alternative.endswith(".")


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, t) for rule, (bad, _) in CASES.items() for t in bad]
)
def test_harmful_asks_are_flagged_with_a_reason_and_an_alternative(rule, text):
    verdict = check_text(text)
    assert not verdict.allowed
    assert rule in verdict.rules
    assert verdict.reasons and verdict.alternative


@pytest.mark.parametrize(("rule", "text"), [(r, t) for r, (_, ok) in CASES.items() for t in ok])
def test_ordinary_bold_asks_pass(rule, text):
    verdict = check_text(text)
    assert verdict.allowed, (rule, verdict.rules)
    assert (verdict.allowed, verdict.reasons, verdict.rules, verdict.alternative) == (
        True,
        [],
        [],
        "",
    )
