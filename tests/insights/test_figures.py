"""The insights' pure functions on known numbers."""

from datetime import date, timedelta

import pytest

from nomentum.insights import figures as f


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        # Known values of the 95 % Wilson score interval.
        (1, 4, 0.0456, 0.6994),
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (5, 10, 0.2366, 0.7634),
        (81, 263, 0.2553, 0.3662),
    ],
)
def test_wilson_intervals_match_known_values(k, n, low, high):
    found = f.wilson(k, n)
    assert found is not None
    assert found[0] == pytest.approx(low, abs=1e-4) and found[1] == pytest.approx(high, abs=1e-4)


def test_no_answers_have_no_interval_and_are_not_enough():
    assert f.wilson(0, 0) is None
    rate = f.Rate(0, 0)
    assert rate.value is None and rate.interval is None and not rate.enough


def _day(tier, fear=None, sting=None, n=3):
    """n asks of one day, all with these scores."""
    fear_n = n if fear is not None else 0
    sting_n = n if sting is not None else 0
    return f.Scores(fear_n, n * (fear or 0), sting_n, n * (sting or 0))


def test_the_fear_curve_folds_days_into_the_users_weeks_and_keeps_empty_weeks():
    daily = [
        (date(2026, 11, 1), "comfort", _day("comfort", 8, 6)),  # a Sunday
        (date(2026, 11, 2), "stretch", _day("stretch", 6, 4)),  # the Monday after
        (date(2026, 11, 16), "comfort", _day("comfort", 3, 1)),
    ]
    monday = f.fear_curve(daily, first_weekday=0)
    assert [w.start for w in monday] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [w.scores.fear for w in monday] == [8.0, 6.0, None, 3.0]
    assert monday[0].by_tier["comfort"].sting == 6.0
    sunday = f.fear_curve(daily, first_weekday=6)  # Sunday and Monday share a week
    assert sunday[0].start == date(2026, 11, 1) and sunday[0].scores.fear == 7.0
    assert f.fear_headline(monday) == (
        "Your fear before asking fell from 8.0 in week 1 to 3.0 in week 4."
    )
    assert f.fear_headline(monday[:1]) is None  # one week is not a curve
    # A week just begun with one scored ask is too thin to end the headline on.
    thin = f.fear_curve([*daily, (date(2026, 11, 23), "comfort", _day("comfort", 9, n=1))])
    assert f.fear_headline(thin) == f.fear_headline(monday)


def test_calibration_with_empty_tiers_says_there_are_too_few_answers():
    rows = {r.tier: r for r in f.calibration({"moonshot": (7, 10)})}
    assert rows["comfort"].no.n == 0 and "Too few answers yet: 10 more" in rows["comfort"].hint
    # 3 yeses in 10 moonshots: the interval's top is below 99 % — aim higher.
    assert (
        "got a yes or part of one 3 times in 10" in rows["moonshot"].hint
        and "Aim higher" in rows["moonshot"].hint
    )
    fine = {r.tier: r for r in f.calibration({"comfort": (9, 10)})}
    assert "about as the ladder expects" in fine["comfort"].hint


def test_a_winner_is_never_claimed_from_a_few_asks():
    assert not f.clearly_better(f.Rate(3, 3), f.Rate(0, 3))
    assert f.clearly_better(f.Rate(30, 40), f.Rate(5, 40))
    assert not f.clearly_better(f.Rate(12, 40), f.Rate(8, 40))  # the intervals overlap
    ranked = f.breakdown(
        {"email": (40, 40, 20, 4), "phone": (3, 3, 3, 3), "in_person": (30, 30, 25, 12)}
    )
    assert [b.key for b in ranked] == ["in_person", "email", "phone"]  # too few answers last


def test_objections_count_their_side():
    found = f.objections(
        [(["timing"], 1), (["budget", "timing"], 1), (["fit"], 1), ([], 4), (["experience"], 2)]
    )
    assert found.nos == 5 and found.counts[:2] == [("experience", 2), ("timing", 2)]
    assert found.their_side.k == 2 and "40 %" in found.headline


def test_median_days_to_answer_come_from_a_histogram():
    rows = [("email", 1, 2), ("email", 3, 1), ("email", 10, 1), ("phone", 0, 3), ("", 5, 1)]
    assert f.answer_days(rows) == {
        "email": (2.0, 4),  # 1, 1, 3, 10
        "phone": (0.0, 3),
        "unknown": (5.0, 1),
    }


def test_the_calculator_falls_back_to_the_typical_rate_and_handles_zero():
    assert f.yes_rate_for_planning(1, 4) == (0.15, 0.20, False)
    low, high, own = f.yes_rate_for_planning(0, 20)
    assert own and low == 0.0 and high == pytest.approx(0.1611, abs=1e-4)
    assert f.asks_needed(2, 0.15, 0.20) == (10, 14)
    assert f.asks_needed(2, 0.0, 0.0) is None  # a zero rate: no number of asks will do
    assert f.asks_needed(2, 0.0, 0.1611) == (13, None)  # at least 13; no upper bound
    assert f.asks_for_nos(90, 0.15, 0.20) == (106, 113)
    assert f.expected_yeses(50, 0.15, 0.20) == (7, 10)


def test_the_streak_forgives_one_day_a_week_and_waits_for_today():
    today = date(2026, 11, 23)
    days = {today - timedelta(days=n) for n in (1, 2, 3, 5, 6, 7)}  # today and day 4 missed
    assert f.streak(days, today) == 6
    days.discard(today - timedelta(days=6))  # a second gap inside a week ends it
    assert f.streak(days, today) == 4  # 22, 21, 20 and 18: the 17th is a second gap
    assert f.streak(set(), today) == 0
    # Yesterday a rest day and no ask yet today: the streak holds.
    rest = {today - timedelta(days=n) for n in range(2, 9)}
    assert f.streak(rest, today) == 7
