"""Pace arithmetic with exact numbers: weeks, stages, leap days, the edges."""

import math
from datetime import date

import pytest

from nomentum.insights import pace as p


def test_thirty_days_in_four_stages_are_7_7_7_9_with_25_each():
    spans = p.stage_spans(30, 100, 4)
    assert [(s.first_day, s.last_day, s.cumulative_target) for s in spans] == [
        (1, 7, 25),
        (8, 14, 50),
        (15, 21, 75),
        (22, 30, 100),
    ]


def test_an_uneven_target_gives_the_extra_to_the_later_stages():
    assert [s.cumulative_target for s in p.stage_spans(28, 10, 4)] == [2, 4, 7, 10]


def test_target_line_is_linear_within_each_stage():
    spans = p.stage_spans(30, 100, 4)
    assert p.target_by_day(0, spans) == 0
    assert p.target_by_day(7, spans) == 25
    assert p.target_by_day(14, spans) == 50
    assert p.target_by_day(21 + 9 / 2, spans) == pytest.approx(87.5)
    assert p.target_by_day(30, spans) == 100
    assert p.target_by_day(31, spans) == 100


def test_100_in_30_on_day_13_needs_the_rest_of_week_two():
    pace = p.pace(date(2026, 11, 10), date(2026, 12, 9), 100, 2, date(2026, 11, 22), stages=4)
    assert (pace.day, pace.week, pace.stage, pace.days_left) == (13, 2, 2, 18)
    # 50 by day 14 with 2 counted is 48 — more than a humane two days (5 a day, the
    # floor, with no best day yet): the week asks 10 and offers a way out instead. The
    # 98 left at the plan's 3.33 a day take 30 days, 12 more than the 18 left; or the
    # 18 days bring 60 more, 62 in all.
    assert pace.needed_this_week == 10
    assert pace.catch_up == p.CatchUp(per_day=5, behind=40, extend_days=12, lower_to=62)
    assert pace.status == p.BEHIND and not pace.on_track
    assert pace.projected_finish is None and pace.reach_by_end is None  # 2 is too few


def test_week_boundary_of_a_1000_in_365():
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    last_day_of_week_one = p.pace(start, end, 1000, 20, date(2026, 1, 7))
    assert (last_day_of_week_one.week, last_day_of_week_one.needed_this_week) == (1, 0)
    assert last_day_of_week_one.status == p.AHEAD  # 20 ≥ ceil(1000 × 7 / 365) = 20
    first_day_of_week_two = p.pace(start, end, 1000, 20, date(2026, 1, 8))
    assert first_day_of_week_two.week == 2
    assert first_day_of_week_two.needed_this_week == 19  # ceil(1000 × 14 / 365) = 39
    assert first_day_of_week_two.status == p.ON_TRACK


def test_nobody_is_behind_on_the_morning_of_day_one():
    pace = p.pace(date(2026, 11, 22), date(2026, 12, 21), 100, 0, date(2026, 11, 22), stages=4)
    assert pace.status == p.ON_TRACK
    assert pace.needed_this_week == 25
    assert pace.projected_finish is None


def test_behind_is_measured_against_the_line_at_the_end_of_yesterday():
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    # Day 4: the line stood at 3 × 30/30 = 3 last night.
    assert p.pace(start, end, 30, 2, date(2026, 11, 4)).status == p.BEHIND
    assert p.pace(start, end, 30, 3, date(2026, 11, 4)).status == p.ON_TRACK


def test_leap_day_counts_as_a_day():
    start, end = date(2028, 2, 28), date(2029, 2, 26)  # 365 days across 29 Feb 2028
    pace = p.pace(start, end, 365, 3, date(2028, 3, 1))
    assert (pace.day, pace.total_days) == (3, 365)
    assert pace.days_left == 363
    assert pace.status == p.ON_TRACK
    assert pace.needed_this_week == 4


def test_before_the_start_and_after_the_end():
    start, end = date(2026, 12, 1), date(2026, 12, 30)
    upcoming = p.pace(start, end, 100, 0, date(2026, 11, 22), stages=4)
    assert (upcoming.status, upcoming.day, upcoming.week, upcoming.days_left) == (
        p.UPCOMING,
        0,
        0,
        30,
    )
    assert upcoming.needed_this_week == 25 and upcoming.on_track
    done = p.pace(start, end, 100, 104, date(2027, 1, 5), stages=4)
    assert (done.status, done.needed_this_week, done.days_left, done.percent) == (p.DONE, 0, 0, 100)
    missed = p.pace(start, end, 100, 60, date(2027, 1, 5), stages=4)
    assert (missed.status, missed.percent, missed.on_track) == (p.MISSED, 60, False)


def test_reaching_the_target_early_is_done_with_no_projection():
    pace = p.pace(date(2026, 11, 1), date(2026, 11, 30), 10, 10, date(2026, 11, 9))
    assert pace.status == p.DONE and pace.projected_finish is None and pace.needed_this_week == 0


def test_behind_the_projection_says_what_the_end_brings():
    # 10 in the first 5 days of 100 in 30: 2 a day reaches 60 by the end, not a date
    # in December.
    pace = p.pace(date(2026, 11, 1), date(2026, 11, 30), 100, 10, date(2026, 11, 5))
    assert pace.status == p.BEHIND
    assert (pace.projected_finish, pace.reach_by_end) == (None, 60)


def test_ahead_the_projection_is_a_day_before_the_end():
    pace = p.pace(date(2026, 11, 1), date(2026, 11, 30), 100, 30, date(2026, 11, 5))
    assert pace.status == p.AHEAD
    assert (pace.projected_finish, pace.reach_by_end) == (date(2026, 11, 17), None)


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        ("day", date(2026, 11, 22), (date(2026, 11, 22), date(2026, 11, 22))),
        ("week", date(2026, 11, 22), (date(2026, 11, 17), date(2026, 11, 23))),
        ("week", date(2026, 11, 10), (date(2026, 11, 10), date(2026, 11, 16))),
        ("week", date(2026, 12, 8), (date(2026, 12, 8), date(2026, 12, 9))),  # clipped
        ("month", date(2026, 11, 22), (date(2026, 11, 10), date(2026, 11, 30))),
        ("month", date(2026, 12, 3), (date(2026, 12, 1), date(2026, 12, 9))),
    ],
)
def test_goal_windows_follow_the_challenge_weeks_and_calendar_months(period, today, expected):
    assert p.period_window(period, today, date(2026, 11, 10), date(2026, 12, 9)) == expected


@pytest.mark.parametrize(
    ("count", "period", "best", "unrealistic"),
    [
        (15, "week", 0, False),  # a gentle 5 a week is the floor for newcomers
        (16, "week", 0, True),
        (16, "week", 4, True),
        (30, "week", 10, False),
        (31, "week", 10, True),
        (3, "day", 10, False),  # 21 a week
        (5, "day", 10, True),  # 35 a week
        (60, "month", 5, False),  # about 13.8 a week
        (100, "month", 5, True),  # about 23 a week
    ],
)
def test_unrealistic_goals_are_three_times_the_best_week(count, period, best, unrealistic):
    assert p.is_unrealistic(count, period, best) is unrealistic


def test_outcome_mix_against_the_typical_hundred():
    rows = p.outcome_mix({"no": 70, "no_response": 5, "yes": 20, "partial": 5}, game_changers=6)
    assert [(r.key, r.count, r.share, r.verdict) for r in rows] == [
        ("no", 75, 0.75, "typical"),
        # 25 yeses in 100 could well be a typical 15–20 % (the interval reaches 18 %)…
        ("yes", 25, 0.25, "typical"),
        ("game_changer", 6, 0.06, "typical"),
    ]
    # …while 250 in 1,000 cannot: the whole interval is above.
    rows = p.outcome_mix({"no": 700, "no_response": 50, "yes": 200, "partial": 50}, 60)
    assert rows[1].verdict == "above typical" and rows[1].interval[0] > 0.2


def test_outcome_mix_without_answers_has_no_shares():
    rows = p.outcome_mix({"pending": 3}, game_changers=0)
    assert [r.share for r in rows] == [None, None, None]
    assert rows[0].verdict == ""


def test_weekly_rows_and_running_totals():
    daily = {date(2026, 11, 10): 3, date(2026, 11, 16): 2, date(2026, 11, 17): 4}
    rows = p.weekly_rows(date(2026, 11, 10), date(2026, 12, 9), 100, 4, daily, date(2026, 11, 22))
    assert [(r.week, r.first, r.last, r.counted, r.cumulative, r.target) for r in rows] == [
        (1, date(2026, 11, 10), date(2026, 11, 16), 5, 5, 25),
        (2, date(2026, 11, 17), date(2026, 11, 23), 4, 9, 50),
    ]
    cumulative = p.cumulative(
        date(2026, 11, 10), date(2026, 11, 12), {date(2026, 11, 10): 1, date(2026, 11, 12): 2}
    )
    assert cumulative == [1, 1, 3]


# Rest days and the humane cap (issue: wellbeing and pacing) --------------------------


def test_rest_days_flatten_the_line_and_the_week():
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    rest = frozenset({date(2026, 11, 3), date(2026, 11, 4)})
    line = p.target_line(start, end, 28, rest=rest)
    # 28 over the 28 days that count: one a day, and nothing on the 3rd and 4th.
    assert line[:6] == [1, 2, 2, 2, 3, 4]
    assert line[-1] == 28
    on_rest = p.pace(start, end, 28, 2, date(2026, 11, 4), rest=rest)
    assert on_rest.resting and on_rest.status == p.ON_TRACK and on_rest.expected == 2
    # Week 1 (1st–7th) asks for 5 by its end, not 7.
    assert on_rest.needed_this_week == 5 - 2
    # The rest days outside the challenge change nothing.
    outside = p.pace(start, end, 28, 2, date(2026, 11, 4), rest=frozenset({date(2026, 12, 5)}))
    assert outside.expected == 3.73 and not outside.resting  # 28 × 4 / 30


@pytest.mark.parametrize(
    ("target", "best_day", "per_day"),
    [
        (30, 0, 5),  # 2 × 1 a day and no best day yet: the floor of 5
        (300, 0, 5),  # 3 × a best day of 0 is 0: the floor again
        (300, 2, 6),  # 3 × a best day of 2 is below 2 × 10 a day
        (300, 4, 12),  # 3 × 4 = 12 is below 20
        (300, 9, 20),  # 2 × the plan's 10 a day is below 27
    ],
)
def test_the_week_never_asks_more_than_a_humane_day(target, best_day, per_day):
    # Day 8 of 30 (week 2 begins) with nothing counted.
    pace = p.pace(
        date(2026, 11, 1), date(2026, 11, 30), target, 0, date(2026, 11, 8), best_day=best_day
    )
    uncapped = round(target * 14 / 30)
    assert pace.needed_this_week == min(uncapped, per_day * 7)
    if uncapped > per_day * 7:
        # The 23 days left at the plan's rate, or the humane one if lower.
        rate = min(target / 30, per_day)
        assert pace.catch_up == p.CatchUp(
            per_day=per_day,
            behind=target * 7 // 30,
            extend_days=max(0, math.ceil(target / rate) - 23),
            lower_to=min(target, math.floor(rate * 23)),
        )
    else:
        assert pace.catch_up is None


def test_at_the_cap_exactly_there_is_no_offer():
    # 35 in the week is 5 a day for 7 days: exactly humane.
    pace = p.pace(date(2026, 11, 1), date(2026, 11, 28), 20, 0, date(2026, 11, 1))
    assert pace.needed_this_week == 5 and pace.catch_up is None
    at_cap = p.pace(date(2026, 11, 1), date(2026, 11, 7), 35, 0, date(2026, 11, 1))
    assert at_cap.needed_this_week == 35 and at_cap.catch_up is None
    over = p.pace(date(2026, 11, 1), date(2026, 11, 7), 36, 0, date(2026, 11, 1))
    assert over.needed_this_week == 35 and over.catch_up is not None
    # 36 at 5 a day takes 8 days: one more, or 35 in the 7.
    assert over.catch_up == p.CatchUp(per_day=5, behind=0, extend_days=1, lower_to=35)


@pytest.mark.parametrize(
    ("counted", "today", "finish", "reach"),
    [
        (4, date(2026, 11, 5), None, None),  # fewer than 5 counted: no projection
        (9, date(2026, 11, 2), None, None),  # day 2: too early
        (9, date(2026, 11, 3), date(2026, 11, 4), None),  # 3 a day: 1 more day for 12
    ],
)
def test_no_projection_before_day_3_or_5_counted(counted, today, finish, reach):
    pace = p.pace(date(2026, 11, 1), date(2026, 11, 30), 12, counted, today)
    assert (pace.projected_finish, pace.reach_by_end) == (finish, reach)


def test_on_track_never_comes_with_a_finish_after_the_end():
    # 1000 in a year, day 3 with 8 (the line stood at 5 yesterday): on track, and the
    # pace so far (2.7 a day) would finish in 2027 — so no date is shown.
    pace = p.pace(date(2026, 1, 1), date(2026, 12, 31), 1000, 8, date(2026, 1, 3))
    assert pace.status == p.ON_TRACK
    assert pace.projected_finish is None and pace.reach_by_end is None


def test_taking_the_offer_starts_the_line_again_from_today():
    start, end, today = date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 13)
    behind = p.pace(start, end, 100, 2, today)
    assert behind.catch_up is not None and behind.catch_up.lower_to == 62
    # Lowered to 62 and started again from the 2 counted: 60 over the 18 days left.
    again = p.pace(start, end, 62, 2, today, restart=(today, 2))
    assert again.status == p.ON_TRACK and again.catch_up is None
    assert again.expected == pytest.approx(2 + 60 / 18, abs=0.01)
    assert again.needed_this_week == math.ceil(2 + 60 * 2 / 18) - 2  # to the 14th
    line = p.target_line(start, end, 62, restart=(today, 2))
    assert line[11] == 2 and line[-1] == 62  # the 12th ends at the count of the restart
