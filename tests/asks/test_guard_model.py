"""The guard's classifier: it reads what no rule phrases, explains itself, can be
overridden like any text rule, and is in step with the evaluation set it learns from."""

import json

import pytest

from nomentum.asks import guard, guard_model, services
from nomentum.asks.guard_rules import CATEGORIES
from nomentum.asks.models import Ask
from nomentum.coach.library import library
from nomentum.errors import Refused
from tests.data import guard_sets

BY_ID = {c.id: c for c in CATEGORIES}
# Our own sentence, phrased the way no rule does: flirting with a bartender at work.
UNPHRASED = "wink at the girl pulling pints and ask when her shift ends"


def test_a_phrasing_no_rule_knows_is_flagged_with_its_category_and_why():
    assert not guard._fired(UNPHRASED)  # the rules alone let it through
    verdict = guard.check_text(UNPHRASED)
    assert not verdict.allowed and not verdict.hard
    assert verdict.rules == ["romance-at-work"]
    category = BY_ID["romance-at-work"]
    (reason,) = verdict.reasons
    assert reason.startswith("This reads like an ask of the kind “romance where they")
    assert "“girl”" in reason and "weighed most" in reason
    assert reason.endswith(category.explanation)
    assert verdict.alternative == category.alternative


def test_the_words_named_are_words_of_the_ask_and_never_plain_ones():
    text = "borrow a tenner off a random bloke at the chippy"
    reading = guard_model.read(text)
    assert reading.harmful() and reading.category == "money"
    assert reading.words and set(reading.words) <= set(text.split())
    assert not set(reading.words) & guard_model.PLAIN_WORDS


@pytest.mark.parametrize(
    "text",
    [
        "ask the cafe if they'd hang my poster",
        "ask my sister to proofread my cover letter",
        "Ask a stranger for directions to the museum",
        "email the podcast host and offer myself as a guest",
        "ask the garden centre for their wobbly old pots for free",
        "invite the new neighbours round for a barbecue",
    ],
)
def test_plain_bold_asks_pass_both_layers(text):
    assert not guard._fired(text)
    assert not guard_model.read(text).harmful()
    assert guard.check_text(text).allowed


@pytest.mark.parametrize(
    "text", ["", "Old text", "Mine alone", "kids' books", "bell and 31mred 0m"]
)
def test_a_text_too_short_to_read_by_its_words_is_left_to_the_rules(text):
    assert guard_model.read(text) == guard_model.Reading(0.0, "", ())


def test_the_model_learned_from_the_development_part_as_it_is_now():
    """Adding sentences to tests/data/guard_*.tsv means retraining
    (scripts/train_guard_model.py): the shipped model says what it was trained on."""
    data = json.loads(guard_model.MODEL.read_text(encoding="utf-8"))
    assert data["trained_on"] == {
        "harmful": len(guard_sets.harmful("development")),
        "benign": len(guard_sets.benign("development")) + len(library()),
    }
    assert sorted(data["category"]["ids"]) == sorted(BY_ID)
    assert 0.5 <= data["harm"]["threshold"] < 1


def test_logging_a_classified_ask_is_refused_until_overridden_and_the_override_is_kept(owner):
    with pytest.raises(Refused):
        services.log_ask(owner, {"request": UNPHRASED})
    assert not Ask.objects.filter(owner=owner).exists()
    saved = services.log_ask(owner, {"request": UNPHRASED, "override": True})
    assert Ask.objects.get(pk=saved.ask.pk).guard_override == ["romance-at-work"]


def test_cli_guard_json_carries_the_classifiers_category(cli, owner):
    code, out, err = cli("guard", UNPHRASED, "--json")
    verdict = json.loads(out)
    assert (code, err) == (0, "")
    assert verdict["allowed"] is False and verdict["rules"] == ["romance-at-work"]
    assert verdict["alternative"] == BY_ID["romance-at-work"].alternative
