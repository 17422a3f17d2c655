"""Weeks as people live them: their first day, their time zone, and names that stay."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from nomentum.journal import services
from nomentum.journal.weeks import MONDAY, SUNDAY, is_review_time, named, week_of, week_to_review

SUNDAY_22 = date(2026, 11, 22)
MONDAY_23 = date(2026, 11, 23)


def test_a_monday_week_and_a_sunday_week():
    monday_week = week_of(date(2026, 11, 25), MONDAY)
    sunday_week = week_of(date(2026, 11, 25), SUNDAY)
    assert (monday_week.start, monday_week.end) == (MONDAY_23, date(2026, 11, 29))
    assert (sunday_week.start, sunday_week.end) == (SUNDAY_22, date(2026, 11, 28))
    # Both carry the name of the ISO week of their Monday.
    assert monday_week.name == sunday_week.name == "2026-W48"


def test_sunday_belongs_to_different_weeks_depending_on_the_first_day():
    assert week_of(SUNDAY_22, MONDAY).name == "2026-W47"  # the last day of the week
    assert week_of(SUNDAY_22, SUNDAY).name == "2026-W48"  # the first day of the next


def test_names_are_read_back_for_either_first_day():
    assert named("2026-W48", MONDAY).start == MONDAY_23
    assert named("2026-W48", SUNDAY).start == SUNDAY_22
    assert named("2027-W01").start == date(2027, 1, 4)
    assert named("2026-W53", MONDAY).start == date(2026, 12, 28)  # 2026 has 53 ISO weeks


@pytest.mark.parametrize("bad", ["", "2026-48", "W48", "2026-W99", "2025-W53", "week 48"])
def test_a_name_that_is_no_week_says_how_to_write_one(bad):
    with pytest.raises(ValueError, match="YYYY-Www"):
        named(bad)


def test_the_review_is_offered_on_the_last_day_and_the_first_of_the_next():
    assert is_review_time(SUNDAY_22, MONDAY) and is_review_time(MONDAY_23, MONDAY)
    assert not is_review_time(date(2026, 11, 24), MONDAY)
    assert is_review_time(date(2026, 11, 21), SUNDAY) and is_review_time(SUNDAY_22, SUNDAY)
    # On the first day of a week, the week to review is the one that just ended.
    assert week_to_review(MONDAY_23, MONDAY).name == "2026-W47"
    assert week_to_review(SUNDAY_22, MONDAY).name == "2026-W47"


@pytest.mark.parametrize(
    ("zone", "week_start", "expected"),
    [
        # 23:30 UTC on Sunday 22 November is already Monday lunchtime in Auckland…
        ("Pacific/Auckland", MONDAY, "2026-W48"),
        # …and still Sunday afternoon in Los Angeles: the end of week 47 for a Monday week,
        ("America/Los_Angeles", MONDAY, "2026-W47"),
        # but the start of week 48 for someone whose week starts on Sunday.
        ("America/Los_Angeles", SUNDAY, "2026-W48"),
    ],
)
def test_this_week_is_the_week_in_the_users_own_time_zone(
    owner, monkeypatch, zone, week_start, expected
):
    owner.timezone, owner.week_start = zone, week_start
    owner.save()
    instant = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)
    with timezone.override(zone):
        assert services.week_named(owner, "current").name == expected
