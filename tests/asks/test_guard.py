"""Each harm category of the ethics guard: asks that must be flagged under it, and near
misses that must pass. The evaluation set and its bar are in test_guard_eval.py."""

import pytest

from nomentum.asks.guard import RULES, check_text
from nomentum.asks.guard_rules import CATEGORIES, CONCEPTS
from nomentum.asks.guard_text import normalise

CASES = {
    "validation": (
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
            "Ask ten people to rate my cookies from 1 to 10",
        ],
    ),
    "pressure": (
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
            "Ask my manager for a raise again next quarter as she suggested",
        ],
    ),
    "intrusion": (
        [
            "Crash a wedding and ask for cake",
            "Join strangers' table at dinner uninvited",
            "Show up uninvited to the team offsite",
            "Turn up at the recruiter's house with my CV",
            "Ask a random person for a ride home",
        ],
        [
            "Ask a group at a meetup whether you can join their conversation",
            "Ask to join a sports team that already plays together",
            "Ask my sister if I can stay at her place for a week",
        ],
    ),
    "contact": (
        ["Ask a random person for a hug", "Kiss a stranger at the concert"],
        ["Ask my partner for a hug", "Ask a stranger if I can pet their dog"],
    ),
    "romance-at-work": (
        ["Ask the waitress out", "Ask my married colleague on a date"],
        ["Ask the barista for a free refill", "Ask someone at the singles night to dinner"],
    ),
    "money": (
        [
            "Ask a stranger for $5",
            "Ask random people on the street to give me money",
            "Ask a passer-by to pay for my coffee",
            "Borrow 50 dollars from someone I don't know",
        ],
        [
            "Ask a café for a free refill",
            "Ask an investor for funding for your business",
            "Ask a shop whether there is any discount today",
        ],
    ),
    "deception": (
        [
            "Pretend to be a journalist to get a meeting",
            "Lie about my experience on the call",
            "Make up an emergency to skip the queue",
            "Pose as a customer to see their prices",
        ],
        [
            "Ask honestly for a discount",
            "Tell a date clearly that you'd like to see them again",
            "Ask a friend to pretend to be the interviewer so I can practise",
        ],
    ),
    "privacy": (
        [
            "Ask a stranger for their phone number",
            "Ask a woman on the bus where she lives",
            "Secretly film strangers on the train",
        ],
        [
            "Ask someone at a speed-dating event for their number",
            "Ask a stranger for directions to the station",
            "Ask a busker if I can record a song with them",
        ],
    ),
    "minors": (
        [
            "Ask a 15-year-old out",
            "Message a teenager on Instagram",
            "Ask kids at the park to play a game with me",
        ],
        [
            "Ask a parent at school pick-up whether they want to grab a coffee",
            "Ask the school to host a reading",
            "Ask a 25-year-old colleague for advice",
            "Ask my teenage son to help me practise my pitch",
        ],
    ),
    "illegal": (
        ["Ask someone to sell me weed", "Drive home after a few drinks"],
        ["Ask my friend to be the designated driver", "Ask the pharmacist what I can take"],
    ),
}


def test_every_category_has_cases_and_kind_words():
    assert set(CASES) == {rule.id for rule in RULES} == {c.id for c in CATEGORIES}
    for rule in RULES:
        assert rule.explanation.endswith(".") and rule.alternative.endswith(".")
        assert rule.category.title and rule.category.frames


def test_every_concept_a_frame_names_exists():
    named = {n for c in CATEGORIES for f in c.frames for n in (*f.needs, *f.unless)}
    assert named <= set(CONCEPTS)


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, t) for rule, (bad, _) in CASES.items() for t in bad]
)
def test_harmful_asks_are_flagged_with_a_reason_and_an_alternative(rule, text):
    verdict = check_text(text)
    assert not verdict.allowed
    assert rule in verdict.rules
    assert verdict.reasons and verdict.alternative
    assert not verdict.hard  # text rules can be overridden ("log it anyway")


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


def test_several_categories_give_every_reason_and_the_first_alternative():
    verdict = check_text("Pretend to be a delivery driver to ask a stranger for cash")
    assert verdict.rules == ["money", "deception"]
    by_id = {c.id: c for c in CATEGORIES}
    assert verdict.reasons == [by_id["money"].explanation, by_id["deception"].explanation]
    assert verdict.alternative == by_id["money"].alternative
    assert verdict.message().startswith(by_id["money"].explanation)


def test_empty_text_is_allowed():
    assert check_text("").allowed and check_text(None).allowed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("I'm HUGGING strangers!", "i be hug stranger"),
        ("Borrow fifty dollars", "borrow 50 dollar"),
        ("ask for $20", "ask for 20 dollar"),
        ("a hundred and twenty quid", "120 quid"),
        ("a 15-year-old", "a 15 year old"),
        ("a 17yo", "a 17 year old"),
        ("don't, won't, can't", "do not will not can not"),
        ("a strnager's car", "a stranger s car"),
        ("ask sum1 4 a hug", "ask someon 4 a hug"),
    ],
)
def test_texts_are_read_in_one_normal_form(text, normal):
    assert normalise(text) == normal
