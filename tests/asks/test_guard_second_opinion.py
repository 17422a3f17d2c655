"""With an AI endpoint configured, the guard asks it for a second opinion: it can add a
flag, never remove one; off, slow or odd, and nothing changes. (A real HTTP server on
loopback stands in for the endpoint.)"""

from nomentum.asks import services
from nomentum.asks.models import Ask
from tests.coach.test_ai import llm  # noqa: F401  (the loopback endpoint fixture)


def test_the_second_opinion_adds_a_flag_the_rules_missed(llm, owner):  # noqa: F811
    llm.reply = {"categories": ["deception"]}
    verdict = services.guard_ask(owner, "Ask the shop to take back the lamp")
    assert (verdict.allowed, verdict.rules) == (False, ["deception"])
    assert verdict.alternative
    [sent] = llm.requests
    assert sent["body"]["messages"][1]["content"] == "Ask the shop to take back the lamp"


def test_it_cannot_clear_what_the_rules_flagged(llm, owner):  # noqa: F811
    llm.reply = {"categories": []}
    verdict = services.guard_ask(owner, "Ask a stranger on the bus to give me money")
    assert verdict.rules == ["money"]


def test_unknown_categories_odd_answers_and_a_slow_endpoint_change_nothing(llm, owner):  # noqa: F811
    llm.reply = {"categories": ["made-up"]}
    assert services.guard_ask(owner, "Ask for a discount").allowed
    llm.reply = "not json"
    assert services.guard_ask(owner, "Ask for a discount").allowed
    llm.reply, llm.delay = {"categories": ["money"]}, 1.5  # past the 1 s timeout
    assert services.guard_ask(owner, "Ask for a discount").allowed


def test_without_an_endpoint_nothing_is_sent(owner, settings):
    settings.AI_BASE_URL = ""
    assert services.guard_ask(owner, "Ask for a discount").allowed


def test_a_flag_from_the_second_opinion_can_be_overridden_and_is_noted(llm, owner):  # noqa: F811
    llm.reply = {"categories": ["deception"]}
    data = {"request": "Ask the shop to take back the lamp", "override": True}
    saved = services.log_ask(owner, data)
    assert Ask.objects.get(pk=saved.ask.pk).guard_override == ["deception"]
