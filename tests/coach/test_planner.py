"""The planner's promises, over many random questionnaires (hypothesis)."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from nomentum.asks.guard import check_text
from nomentum.coach.library import library
from nomentum.coach.planner import (
    FEARS,
    TIERS,
    Candidate,
    Questionnaire,
    make_plan,
    weekly_targets,
)

POOL = [Candidate(i.text, i.area, i.tier, i.setting, idea_id=n) for n, i in enumerate(library())]
AREAS = sorted({c.area for c in POOL})

questionnaires = st.builds(
    Questionnaire,
    areas=st.lists(st.sampled_from(AREAS), min_size=1, max_size=7, unique=True).map(tuple),
    fears=st.lists(st.sampled_from(sorted(FEARS)), max_size=3, unique=True).map(tuple),
    fear_text=st.text(max_size=60),
    comfort=st.integers(1, 5),
    weeks=st.integers(1, 20),
    target=st.integers(1, 400),
)


@settings(max_examples=150, deadline=None)
@given(answers=questionnaires, seed=st.integers(0, 2**31))
def test_plans_keep_every_promise(answers, seed):
    plan = make_plan(answers, POOL, seed)
    assert len(plan) == answers.weeks
    assert sum(w.target for w in plan) == answers.target
    ideas = [idea for week in plan for idea in week.ideas]
    assert len({i.text for i in ideas}) == len(ideas), "an idea repeats"
    assert all(i.area in answers.areas for i in ideas)
    assert all(check_text(i.text).allowed for i in ideas)
    assert all(len(w.ideas) <= w.target for w in plan)
    # The tier mix never falls from one week to the next.
    levels = [[TIERS.index(i.tier) for i in w.ideas] for w in plan if w.ideas]
    for earlier, later in itertools.pairwise(levels):
        assert max(earlier) <= min(later)


@settings(max_examples=30, deadline=None)
@given(answers=questionnaires, seed=st.integers(0, 2**31))
def test_the_same_answers_and_seed_give_the_same_plan(answers, seed):
    assert make_plan(answers, POOL, seed) == make_plan(answers, POOL, seed)


def test_weekly_targets_climb_more_gently_for_the_bold():
    assert weekly_targets(30, 4, comfort=1) == [5, 7, 8, 10]
    assert weekly_targets(30, 4, comfort=5) == [7, 7, 8, 8]
    assert weekly_targets(3, 5, comfort=3) == [0, 0, 1, 1, 1]


def test_a_shy_start_begins_with_comfort_asks_and_stays_below_moonshots_in_a_month():
    answers = Questionnaire(areas=("everyday", "social"), comfort=1, weeks=4, target=20)
    plan = make_plan(answers, POOL, seed=1)
    assert {i.tier for i in plan[0].ideas} == {"comfort"}
    assert "moonshot" not in {i.tier for w in plan for i in w.ideas}


def test_a_bold_start_reaches_moonshots():
    answers = Questionnaire(areas=("career",), comfort=5, weeks=4, target=40)
    plan = make_plan(answers, POOL, seed=1)
    assert plan[-1].ideas and {i.tier for i in plan[-1].ideas} == {"moonshot"}


def test_fears_pull_matching_ideas_forward():
    answers = Questionnaire(
        areas=("career", "business", "everyday"),
        fears=("money",),
        fear_text="asking for a raise",
        comfort=3,
        weeks=2,
        target=14,
    )
    texts = " ".join(i.text.casefold() for w in make_plan(answers, POOL, seed=5) for i in w.ideas)
    assert texts.count("raise") + texts.count("discount") + texts.count("price") >= 3


def test_a_small_pool_gives_fewer_ideas_but_never_repeats():
    pool = [c for c in POOL if c.area == "dating"][:5]
    plan = make_plan(Questionnaire(areas=("dating",), weeks=4, target=40), pool, seed=2)
    ideas = [i for w in plan for i in w.ideas]
    assert len(ideas) == 5 and len({i.text for i in ideas}) == 5
