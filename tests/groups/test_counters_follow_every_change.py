"""The group counters equal a recount from the members' logs after every kind of change.

No signal keeps the counters: the ask use cases (``asks.services``) and the importer call
``counters.asks_changed`` themselves. Each case below applies one kind of change through
its use case and then recounts every membership and every group summary straight from
the Ask table, independently of ``counters``.

Two groups overlap with different starts (so an ask falls in different weeks of each,
and the second ends in a one-day week); bob is in both; carol has a manual check-in.
"""

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.utils import timezone

from nomentum.asks import services as asks
from nomentum.asks.models import Ask, Outcome
from nomentum.groups import board, counters
from nomentum.groups import services as groups
from nomentum.groups.models import MILESTONES, Event, Group, GroupWeek, Membership
from nomentum.portability import importer
from tests.groups.conftest import person

Counts = tuple[int, int, int]  # attempts, nos, yeses

CSV_HEADER = ["Date", "Request", "Person/Company", "Method", "Response", "Lessons", "Follow-up"]


# The oracle: counts straight from the Ask table -------------------------------------


def recount(membership: Membership) -> dict[int, Counts]:
    """Per week of the group period, what the member's log says: asks made (not
    self-rejections), no's and yeses."""
    group = membership.group
    logged = list(
        Ask.objects.filter(owner_id=membership.user_id, self_rejection=False).values_list(
            "date", "outcome"
        )
    )
    weeks = {}
    for week in range(1, group.weeks + 1):
        first, last = group.week_span(week)
        outcomes = [outcome for day, outcome in logged if first <= day <= last]
        weeks[week] = (
            len(outcomes),
            outcomes.count(Outcome.NO),
            outcomes.count(Outcome.YES),
        )
    return weeks


def expected_weeks(membership: Membership) -> tuple[dict[int, Counts], set[int]]:
    """The recount, with each manually checked-in week as the member entered it (those
    replace the log by design), and which weeks those are."""
    weeks = recount(membership)
    manual = GroupWeek.objects.filter(membership=membership, manual=True)
    for row in manual:
        weeks[row.week] = (row.attempts, row.nos, row.yeses)
    return weeks, {row.week for row in manual}


def totals(weeks: dict[int, Counts]) -> Counts:
    return (
        sum(w[0] for w in weeks.values()),
        sum(w[1] for w in weeks.values()),
        sum(w[2] for w in weeks.values()),
    )


def assert_counts_match(membership: Membership) -> None:
    """The membership's GroupWeek rows (weeks with a manual check-in excluded) and its
    totals, progress and milestones equal a recount from the log."""
    membership.refresh_from_db()
    group = membership.group
    stored = {
        row.week: row for row in GroupWeek.objects.filter(membership=membership).order_by("week")
    }
    assert set(stored) <= set(range(1, group.weeks + 1)), f"weeks outside {group}: {set(stored)}"
    expected, manual = expected_weeks(membership)
    logged = {
        week: (row.attempts, row.nos, row.yeses)
        for week, row in stored.items()
        if week not in manual
    }
    want = {week: counts for week, counts in recount(membership).items() if week not in manual}
    # A week never counted has no row yet; it must then have nothing in the log.
    got = {week: logged.get(week, (0, 0, 0)) for week in want}
    assert got == want, f"{membership}: weeks (attempts, nos, yeses)"
    attempts, nos, yeses = totals(expected)
    assert (membership.attempts, membership.nos, membership.yeses) == (attempts, nos, yeses), (
        f"{membership}: totals"
    )
    assert membership.progress == min(1000, nos * 1000 // max(1, membership.target))
    reached = {m for m in MILESTONES if m <= nos}
    events = set(
        Event.objects.filter(membership=membership, kind=Event.Kind.MILESTONE).values_list(
            "value", flat=True
        )
    )
    assert reached <= events, f"{membership}: milestones reached but not in the feed"


def expected_summary(group: Group) -> dict:
    """``board.summary`` as recounts of the members who show their counts (no numbers
    at all while fewer than three show them)."""
    counted = list(board.on_board(group).select_related("group"))
    if len(counted) < board.BOARD_MINIMUM:
        members = Membership.objects.filter(group=group, left_at=None).count()
        hidden = {"attempts": None, "nos": None, "yeses": None, "weeks": []}
        return {"members": members, "counted": len(counted), **hidden}
    by_week = [expected_weeks(m)[0] for m in counted]
    attempts, nos, yeses = totals({i: totals(w) for i, w in enumerate(by_week)})
    return {
        "members": Membership.objects.filter(group=group, left_at=None).count(),
        "counted": len(counted),
        "attempts": attempts,
        "nos": nos,
        "yeses": yeses,
        "weeks": [
            (
                week,
                sum(w[week][0] for w in by_week),
                sum(w[week][1] for w in by_week),
                sum(w[week][2] for w in by_week),
            )
            for week in range(1, group.weeks + 1)
        ],
    }


def assert_summary_matches(group: Group) -> None:
    found = board.summary(group)
    got = {k: found[k] for k in ("members", "counted", "attempts", "nos", "yeses")}
    got["weeks"] = [(w["week"], w["attempts"], w["nos"], w["yeses"]) for w in found["weeks"]]
    assert got == expected_summary(group), f"summary of {group}"


def running() -> list[Membership]:
    return list(
        Membership.objects.filter(left_at=None, group__closed_at=None)
        .select_related("group", "user")
        .order_by("id")
    )


def assert_everything_matches() -> None:
    for membership in running():
        assert_counts_match(membership)
    for group in Group.objects.filter(closed_at=None):
        assert_summary_matches(group)


def expected_state() -> dict:
    """What the recounts say now, for every membership and group (to tell that a case
    really moved the counts)."""
    state: dict = {("membership", m.pk): expected_weeks(m)[0] for m in running()}
    for group in Group.objects.all():
        state["group", group.pk] = expected_summary(group)
    return state


# The world: two overlapping running groups, three members ----------------------------


def log(user, day: date, outcome: str = Outcome.NO, **fields) -> Ask:
    data = {"request": f"Ask for a discount ({day}, {outcome})", "date": day, "outcome": outcome}
    return asks.log_ask(user, data | fields).ask


def membership(user, group: Group) -> Membership:
    return Membership.objects.select_related("group").get(user=user, group=group)


@pytest.fixture
def world(db):
    today = timezone.localdate()

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    alice, bob, carol = person("alice"), person("bob"), person("carol")
    dave = person("dave")  # a third member everywhere, so the groups show their numbers
    bob.no_response_days = 14
    bob.save(update_fields=["no_response_days"])
    # A: four whole weeks, today in week 3. B: starts 11 days later, its week 4 is one day.
    a = groups.create_group(
        alice,
        {"name": "Group A", "start": day(-20), "end": day(7), "weekly_goal": 3, "on_board": True},
    ).group
    b = groups.create_group(
        carol,
        {"name": "Group B", "start": day(-9), "end": day(12), "weekly_goal": 2, "on_board": True},
    ).group
    assert (a.weeks, b.weeks, a.week_of(today), b.week_span(4)) == (4, 4, 3, (day(12), day(12)))
    groups.join_group(bob, a, 5, on_board=True, today=today)
    groups.join_group(bob, b, 1, on_board=True, today=today)
    groups.join_group(carol, a, 2, on_board=True, today=today)
    groups.join_group(dave, a, 2, on_board=True, today=today)
    groups.join_group(dave, b, 2, on_board=True, today=today)
    log(dave, day(-3))

    log(alice, day(-15))
    log(alice, day(-2), Outcome.YES)
    log(carol, day(-19))
    log(carol, day(-8))
    log(carol, day(-1), Outcome.YES)
    groups.check_in(membership(carol, a), week=1, attempts=6, nos=5, yeses=1)
    seeded = {
        "before": log(bob, day(-25)),  # before both periods
        "edited": log(bob, day(-19)),  # A week 1 only
        "stale": log(bob, day(-16), Outcome.PENDING),  # A week 1, old enough to go stale
        "talked_out": log(bob, day(-12), self_rejection=True),  # A week 2, not counted
        "deleted": log(bob, day(-5), Outcome.YES),  # A week 3, B week 1
        "waiting": log(bob, day(-4), Outcome.PENDING, to="Dana Lee, Acme"),  # A 3, B 1
        "duplicate": log(bob, day(-3), to="Dana  Lea"),  # A 3, B 1
        "recent": log(bob, day(-1)),  # A 3, B 2
    }
    return SimpleNamespace(
        today=today, day=day, alice=alice, bob=bob, carol=carol, a=a, b=b, asks=seeded
    )


def csv_file(rows: list[tuple[date, str, str, str, str]]) -> bytes:
    """A spreadsheet as people keep it: date, request, to, method, response."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for day, request, to, method, response in rows:
        writer.writerow([day.isoformat(), request, to, method, response, "", ""])
    return out.getvalue().encode()


# One function per kind of change, each through its use case --------------------------


def log_an_ask(w) -> None:
    log(w.bob, w.day(-8))  # A week 2, B week 1


def record_an_answer(w) -> None:
    asks.record_answer(w.asks["waiting"], {"outcome": Outcome.NO, "lesson": "Budget is set"})


def edit_date_across_weeks_and_outcome(w) -> None:
    # A week 1 (not in B) -> A week 3 and B week 1; a no becomes a yes.
    asks.update_ask(w.asks["edited"], {"date": w.day(-6), "outcome": Outcome.YES})


def edit_out_of_one_group_into_the_other(w) -> None:
    # A week 3 and B week 1 -> only B's one-day last week (after A ends).
    asks.update_ask(w.asks["deleted"], {"date": w.day(12), "outcome": Outcome.NO})


def edit_into_a_self_rejection(w) -> None:
    asks.update_ask(w.asks["recent"], {"self_rejection": True})


def delete_an_ask(w) -> None:
    asks.delete_ask(w.asks["deleted"])


def ask_after_all(w) -> None:
    asks.ask_after_all(w.asks["talked_out"])  # A week 2, uncounted -> today, counted


def mark_stale_as_no_response(w) -> None:
    assert asks.mark_stale_as_no_response(w.bob, w.today) == 1


def import_a_csv(w) -> None:
    rows = [
        (w.day(-18), "Ask for a refund", "Kim Park", "Email", "No"),
        (w.day(-10), "Ask for a table by the window", "", "In person", "Yes"),
        (w.day(-2), "Ask to speak at the meetup", "Lee Chan, Meetup", "Email", ""),
        (w.day(-2), "Ask for a free upgrade", "", "Phone", "Declined"),
        (w.day(-30), "Ask before the period", "", "Email", "No"),
    ]
    result = importer.run(w.bob, csv_file(rows), "file.csv")
    assert not result.problems, [r.problems for r in result.problems]
    assert len(result.new) == len(rows)


def merge_contacts(w) -> None:
    keep, other = w.asks["waiting"].person, w.asks["duplicate"].person
    asks.merge_contacts(keep, other)
    assert Ask.objects.filter(person=keep).count() == 2


def delete_an_account(w) -> None:
    w.bob.delete()  # in both groups, with the most asks
    assert not Membership.objects.filter(user_id=w.bob.pk).exists()


CHANGES = [
    pytest.param(log_an_ask, True, id="log"),
    pytest.param(record_an_answer, True, id="outcome"),
    pytest.param(edit_date_across_weeks_and_outcome, True, id="edit-date-and-outcome"),
    pytest.param(edit_out_of_one_group_into_the_other, True, id="edit-out-of-a-group"),
    pytest.param(edit_into_a_self_rejection, True, id="edit-into-self-rejection"),
    pytest.param(delete_an_ask, True, id="delete"),
    pytest.param(ask_after_all, True, id="ask-after-all"),
    # "No response" is neither a no nor a yes: the counts stay, and must stay right.
    pytest.param(mark_stale_as_no_response, False, id="mark-stale-no-response"),
    pytest.param(import_a_csv, True, id="import-csv"),
    # Counts are of asks, not of whom they went to: a merge leaves them as they were.
    pytest.param(merge_contacts, False, id="merge-contacts"),
    pytest.param(delete_an_account, True, id="delete-account"),
]


@pytest.mark.parametrize(("change", "moves_counts"), CHANGES)
def test_counters_equal_a_recount_from_the_log_after_every_kind_of_change(
    world, change: Callable, moves_counts: bool
):
    assert_everything_matches()
    before = expected_state()
    change(world)
    after = expected_state()
    assert (after != before) is moves_counts, "the case did not change what it meant to"
    assert_everything_matches()


def test_only_the_use_cases_keep_the_counters_a_bare_queryset_update_leaves_them_stale(
    world,
):
    """Nothing listens to saves: a write that goes around ``asks.services`` leaves the
    counters behind until ``counters.asks_changed`` is called for those days."""
    waiting = world.asks["waiting"]
    bob_in_a = membership(world.bob, world.a)
    Ask.objects.filter(pk=waiting.pk).update(outcome=Outcome.NO)
    with pytest.raises(AssertionError, match="weeks"):
        assert_counts_match(bob_in_a)
    with pytest.raises(AssertionError, match="summary"):
        assert_summary_matches(world.b)
    counters.asks_changed(world.bob.pk, {waiting.date})
    assert_everything_matches()


def test_an_import_recounts_once_per_file_not_once_per_row(world):
    rows = [
        (
            world.day(-20 + n),
            f"Ask number {n} for a discount",
            "",
            "Email",
            ("No", "Yes", "")[n % 3],
        )
        for n in range(20)  # the first twenty days of group A
    ]
    with mock.patch.object(counters, "recount", wraps=counters.recount) as spy:
        result = importer.run(world.bob, csv_file(rows), "file.csv")
    assert not result.problems
    assert len(result.new) == 20
    assert spy.call_count == 1
    (user_id, days), _ = spy.call_args
    assert user_id == world.bob.pk and len(set(days)) == 20
    assert_everything_matches()
