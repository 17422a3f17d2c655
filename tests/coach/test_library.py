"""The built-in idea library: size, tags, variety, and that every idea is a fair ask."""

import itertools
import re
from collections import Counter
from difflib import SequenceMatcher

import pytest

from nomentum.asks.guard import check_text
from nomentum.coach.library import library
from nomentum.coach.models import Area, Idea, Setting

TIERS = {"comfort", "stretch", "moonshot"}


def test_at_least_300_ideas_with_every_tag():
    ideas = library()
    assert len(ideas) >= 300
    for idea in ideas:
        assert idea.area in Area.values, idea
        assert idea.tier in TIERS, idea
        assert idea.setting in Setting.values, idea
        assert 10 <= len(idea.text) <= 200, idea


def test_every_area_and_tier_has_at_least_eight_ideas():
    cells = Counter((i.area, i.tier) for i in library())
    for area in Area.values:
        for tier in TIERS:
            assert cells[(area, tier)] >= 8, (area, tier)


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def test_no_duplicates_or_near_duplicates():
    texts = [_normal(i.text) for i in library()]
    assert len(set(texts)) == len(texts)
    close = []
    for a, b in itertools.combinations(texts, 2):
        matcher = SequenceMatcher(None, a, b)
        # The quick bounds skip most pairs before the full comparison.
        if matcher.real_quick_ratio() > 0.85 and matcher.ratio() > 0.85:
            close.append((a, b))
    assert close == []


def test_every_idea_passes_the_ethics_guard():
    flagged = [
        (i.text, check_text(i.text).rules) for i in library() if not check_text(i.text).allowed
    ]
    assert flagged == []


@pytest.mark.parametrize(
    "theme",
    [
        "informational interview",
        "feedback",
        "twice the experience",
        "mentor",
        "introduc",
        "doesn't exist",
        "video application",
        "ceo",
        "two levels above",
        "partnership",
        "shadow",
        "raise",
        "podcast",
        "stage",
        "consulting",
        "equity",
        "board",
        "sabbatical",
        "another country",
    ],
)
def test_the_stages_of_100_in_30_are_covered(theme):
    assert any(
        theme in i.text.casefold()
        for i in library()
        if i.area == "career" or theme in ("podcast", "stage", "partnership", "consulting")
    )


def test_low_stakes_everyday_asks_for_a_gentle_start():
    gentle = [i for i in library() if i.area == "everyday" and i.tier == "comfort"]
    assert len(gentle) >= 15


def test_the_library_is_in_the_database_after_migrate(db):
    assert Idea.objects.filter(owner=None, retired=False).count() == len(library())
