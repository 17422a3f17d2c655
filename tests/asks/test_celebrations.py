import pytest

from nomentum.asks.celebrations import MILESTONES, NO_MESSAGES, YES_MESSAGES, celebrate


@pytest.mark.parametrize("nos", MILESTONES)
def test_every_milestone_has_its_own_message(nos):
    celebration = celebrate("no", "pending", nos, seed=0)
    assert celebration.milestone == nos
    assert celebration.message not in NO_MESSAGES


@pytest.mark.parametrize("nos", [2, 9, 11, 99, 101, 1001])
def test_between_milestones_a_no_gets_an_ordinary_cheer(nos):
    celebration = celebrate("no", "pending", nos, seed=nos)
    assert celebration.milestone is None
    assert celebration.message in NO_MESSAGES


def test_copy_varies_with_the_seed():
    messages = {celebrate("yes", "pending", 0, seed=s).message for s in range(10)}
    assert messages == set(YES_MESSAGES)


def test_nothing_to_celebrate_when_outcome_is_unchanged_or_pending():
    assert celebrate("no", "no", 5, seed=1) is None
    assert celebrate("pending", "no", 5, seed=1) is None
