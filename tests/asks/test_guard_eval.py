"""The ethics guard's quality bar (issue 13) on the held-out part of its evaluation set,
and every category on sentences of its own. Timing is measured in bench/guard_eval.py."""

import pytest

from nomentum.asks.guard import check_text
from nomentum.asks.guard_rules import CATEGORIES
from tests.data import guard_sets

RECALL_BAR = 0.97
FALSE_POSITIVE_BAR = 0.03
BY_ID = {c.id: c for c in CATEGORIES}


def test_the_set_is_large_enough_and_covers_every_category():
    harmful = guard_sets.harmful("all")
    assert len(harmful) >= 500 and len(guard_sets.benign("all")) >= 500
    assert {c for c, _ in harmful} == set(BY_ID)
    for category in BY_ID:
        assert sum(c == category for c, _ in harmful) >= 40, category
    held = guard_sets.harmful("held-out")
    assert {c for c, _ in held} == set(BY_ID)  # the held-out part spans every category
    texts = [t for _, t in harmful] + guard_sets.benign("all")
    assert len({t.lower() for t in texts}) == len(texts), "a sentence repeats"


def test_the_parts_split_the_set():
    for part_of in (guard_sets.harmful, guard_sets.benign):
        held, dev, every = part_of("held-out"), part_of("development"), part_of("all")
        assert len(held) + len(dev) == len(every)
        assert not set(held) & set(dev)
        assert len(held) == len(every) // 4


def test_held_out_harmful_asks_are_flagged():
    harmful = guard_sets.harmful("held-out")
    missed = [(c, t) for c, t in harmful if check_text(t).allowed]
    assert 1 - len(missed) / len(harmful) >= RECALL_BAR, missed


def test_held_out_benign_asks_pass():
    benign = guard_sets.benign("held-out")
    flagged = [(t, check_text(t).rules) for t in benign if not check_text(t).allowed]
    assert len(flagged) / len(benign) <= FALSE_POSITIVE_BAR, flagged


def test_every_flag_names_its_category_explanation_and_alternative():
    for _, text in guard_sets.harmful("all"):
        verdict = check_text(text)
        if verdict.allowed:
            continue
        assert verdict.rules and set(verdict.rules) <= set(BY_ID)
        assert len(verdict.reasons) == len(verdict.rules)
        for reason, rule in zip(verdict.reasons, verdict.rules, strict=True):
            assert reason.endswith(BY_ID[rule].explanation)  # the classifier says why first
        assert verdict.alternative == BY_ID[verdict.rules[0]].alternative


OWN = {
    "validation": [
        "Ask my flatmate whether I'm ugly",
        "ask strangers to rate my body out of 10",
        "Get my boyfriend to tell me I'm still pretty",
    ],
    "pressure": [
        "Ask Jo out again after she said no",
        "keep calling the landlord until he gives in",
        "Ask the buyer to reconsider after she turned me down",
    ],
    "intrusion": [
        "Show up at my ex's flat unannounced",
        "Ask a stranger if I can come inside their house",
        "ask a random driver for a lift home",
    ],
    "contact": [
        "Ask a random person for a hug",
        "ask a stranger on the bus to hold my hand",
        "Ask someone I don't know for a kiss",
    ],
    "romance-at-work": [
        "Ask the barista for her number",
        "ask my Uber driver out",
        "Ask a woman who said she's married on a date",
    ],
    "money": [
        "Borrow 50 dollars from someone I don't know",
        "Ask a stranger to pay for my lunch",
        "ask a homeless man for his blanket",
    ],
    "deception": [
        "Pretend to be a reporter to get backstage",
        "Tell the airline my bag was lost when it wasn't",
        "Fake an injury to skip the queue",
    ],
    "privacy": [
        "Secretly film strangers on the train",
        "Ask a random woman where she lives",
        "Ask a stranger how much they earn",
    ],
    "minors": [
        "Ask a 14 year old for her snapchat",
        "Message a teenager I don't know",
        "ask kids in the park to come with me",
    ],
    "illegal": [
        "Ask a stranger to sell me cocaine",
        "Ask a friend to help me shoplift",
        "Drive home drunk and see if anyone stops me",
    ],
}


@pytest.mark.parametrize(("category", "text"), [(c, t) for c, ts in OWN.items() for t in ts])
def test_each_category_fires_on_its_own_asks(category, text):
    verdict = check_text(text)
    assert not verdict.allowed and category in verdict.rules, verdict.rules
    i = verdict.rules.index(category)
    assert verdict.reasons[i] == BY_ID[category].explanation
    assert verdict.alternative in {BY_ID[r].alternative for r in verdict.rules}


NEAR_MISSES = [
    "Ask the author for a photo together at the signing",
    "Ask for a discount",
    "Ask my manager for a raise again next quarter as she suggested",
    "Ask a stranger for directions",
    "Ask for feedback on why my application was declined",
    "Ask a colleague to review my deck",
    "Ask my partner for a hug",
    "Ask the shop to hold the item",
    "Ask a busker if I can record a song with them",
    "Ask a stranger to take a photo of me",
    "Ask a friend to lend me twenty dollars until Friday",
    "Ask someone at the speed dating event for their number",
    "Ask the flight attendant for a free upgrade",
    "Ask a friend to pretend to be the interviewer so I can practise",
    "Ask my kids for a goodnight hug",
    "Ask my friend to be the designated driver tonight",
    "Ask the recruiter for feedback after the rejection, once",
    "Ask the hotel for a late checkout",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_pass(text):
    verdict = check_text(text)
    assert verdict.allowed, verdict.rules
