"""Groups: creating, inviting, joining, leaving, the counters, the board and the feed."""

from datetime import date, timedelta

import pytest

from nomentum.accounts.models import User
from nomentum.asks import services as asks
from nomentum.challenges.models import Challenge
from nomentum.groups import board, services
from nomentum.groups.access import get_group_by_invite
from nomentum.groups.models import GroupWeek, Membership
from tests.groups.conftest import END, START, person


def membership(user, group) -> Membership:
    return Membership.objects.get(user=user, group=group)


def log(user, day: date, outcome: str = "no", **fields):
    return asks.log_ask(
        user, {"request": f"Ask on {day}", "date": day, "outcome": outcome, **fields}
    ).ask


def test_joining_starts_a_personal_challenge_with_the_members_goal(november, member):
    mine = membership(member, november)
    challenge = Challenge.objects.get(owner=member)
    assert (challenge.start, challenge.end, challenge.weekly_goal, challenge.target) == (
        START,
        END,
        5,
        20,  # 5 a week, four weeks' worth, as the monthly challenge counts it
    )
    assert (mine.target, mine.role, mine.challenge) == (20, "member", challenge)
    organiser = membership(november.memberships.get(role="organiser").user, november)
    assert organiser.is_organiser and organiser.target == 12


def test_invites_can_close_expire_fill_up_and_rotate(november):
    carol, dave, erin = person("carol"), person("dave"), person("erin")
    old = november.invite_code
    november.member_cap = 2
    november.save()
    services.join_group(carol, november, 3, today=START)
    with pytest.raises(services.GroupError, match="full"):
        services.join_group(dave, november, 3, today=START)
    november.member_cap = None
    november.invite_expires = START
    november.save()
    with pytest.raises(services.GroupError, match="expired"):
        services.join_group(dave, november, 3, today=START + timedelta(days=1))
    organiser = november.memberships.get(role="organiser")
    services.rotate_code(organiser)
    with pytest.raises(Exception, match="No group has this invite code"):
        get_group_by_invite(old)
    november.refresh_from_db()
    services.set_invites(organiser, {"invites_open": False})
    with pytest.raises(services.GroupError, match="no longer works"):
        services.join_group(erin, november, 3, today=START)
    with pytest.raises(services.GroupError, match="already in"):
        services.join_group(carol, november, 3, today=START)


def test_counters_follow_edits_deletes_outcome_changes_and_dates(november, member):
    first = log(member, date(2026, 11, 2))
    log(member, date(2026, 11, 3), "yes")
    log(member, date(2026, 11, 10))
    log(member, date(2026, 10, 31))  # before the period: not counted
    log(member, date(2026, 11, 4), self_rejection=True)  # not an ask made
    mine = membership(member, november)
    assert (mine.attempts, mine.nos, mine.yeses) == (3, 2, 1)
    weeks = {w.week: (w.attempts, w.nos, w.yeses) for w in mine.weeks.all()}
    assert weeks[1] == (2, 1, 1) and weeks[2] == (1, 1, 0)

    asks.record_outcome(first, "yes")
    asks.update_ask(first, {**_fields(first), "date": date(2026, 11, 20)})  # week 1 -> week 3
    mine.refresh_from_db()
    weeks = {w.week: (w.attempts, w.nos, w.yeses) for w in mine.weeks.all()}
    assert weeks[1] == (1, 0, 1) and weeks[3] == (1, 0, 1)
    assert (mine.attempts, mine.nos, mine.yeses) == (3, 1, 2)

    asks.delete_ask(first)
    mine.refresh_from_db()
    assert (mine.attempts, mine.nos, mine.yeses) == (2, 1, 1)
    assert mine.progress == 1 * 1000 // 20


def _fields(ask) -> dict:
    return {
        f: getattr(ask, f)
        for f in ("request", "to", "method", "category", "tier", "outcome", "lessons", "notes")
    }


def test_a_manual_check_in_replaces_the_logged_week_until_taken_back(november, member):
    log(member, date(2026, 11, 2))
    mine = membership(member, november)
    services.check_in(mine, week=1, attempts=10, nos=7, yeses=1)
    mine.refresh_from_db()
    assert (mine.attempts, mine.nos, mine.yeses) == (10, 7, 1)
    log(member, date(2026, 11, 3))  # a manual week stays as entered
    mine.refresh_from_db()
    assert mine.nos == 7
    with pytest.raises(services.GroupError, match="more than the asks"):
        services.check_in(mine, week=2, attempts=1, nos=1, yeses=1)
    with pytest.raises(services.GroupError, match="week from 1 to 5"):
        services.check_in(mine, week=9, attempts=1, nos=1, yeses=0)
    services.undo_check_in(mine, 1)
    mine.refresh_from_db()
    assert (mine.attempts, mine.nos) == (2, 2)


def test_the_board_needs_three_who_show_their_counts_and_ranks_them(november, member):
    alice = november.memberships.get(role="organiser")
    bob = membership(member, november)
    services.set_sharing(alice, on_board=True, share_all=False, show_names=False)
    services.set_sharing(bob, on_board=True, share_all=False, show_names=False)
    assert board.board(november, bob) is None
    carol = person("carol")
    services.join_group(carol, november, 1, on_board=True, today=START)
    for day in (2, 3):
        log(member, date(2026, 11, day))
    log(carol, date(2026, 11, 2))
    rows = board.board(november, bob).object_list
    assert [(r.rank, r.name, r.nos, r.you) for r in rows] == [
        (1, "bob", 2, True),
        (2, "carol", 1, False),
        (3, "alice", 0, False),
    ]
    # carol's goal is 4 (1 a week): 25 % beats bob's 2 of 20 (10 %).
    by_progress = board.board(november, bob, by="progress").object_list
    assert [(r.name, r.progress) for r in by_progress] == [
        ("carol", 25),
        ("bob", 10),
        ("alice", 0),
    ]
    services.set_sharing(alice, on_board=False, share_all=False, show_names=False)
    assert board.board(november, bob) is None


def test_the_board_pages_fifty_at_a_time(november):
    for n in range(55):
        services.join_group(person(f"m{n:02}"), november, 3, on_board=True, today=START)
    viewer = november.memberships.get(role="organiser")
    first = board.board(november, viewer)
    second = board.board(november, viewer, page=2)
    assert (len(first.object_list), len(second.object_list)) == (50, 5)
    assert second.object_list[0].rank == 51


def test_milestones_shared_asks_and_cheers_in_the_feed(november, member):
    bob = membership(member, november)
    alice = november.memberships.get(role="organiser")
    services.set_sharing(bob, on_board=True, share_all=False, show_names=False)
    ask = log(member, date(2026, 11, 2), to="Zelda Quinn, Acme Corp")
    services.share_ask(bob, ask)
    items = board.feed(november, alice)
    # Only bob shows his counts: his milestone waits until three members do.
    assert [i["kind"] for i in items] == ["shared", "joined", "joined"]  # newest first
    services.set_sharing(alice, on_board=True, share_all=False, show_names=False)
    carol = User.objects.create_user("carol")
    services.join_group(carol, november, 3, on_board=True, today=date(2026, 11, 2))
    items = board.feed(november, alice)
    assert [i["kind"] for i in items] == ["joined", "shared", "milestone", "joined", "joined"]
    kinds = [(i["kind"], i.get("value"), i.get("to")) for i in items if i["who"] == "bob"]
    assert ("milestone", 1, None) in kinds and ("shared", None, "Z.Q., A.C.") in kinds
    shared = next(i for i in items if i["kind"] == "shared")
    assert services.toggle_cheer(alice, _event(shared)) is True
    assert services.toggle_cheer(bob, _event(shared)) is True
    assert next(i for i in board.feed(november, alice) if i["kind"] == "shared")["cheers"] == 2
    assert services.toggle_cheer(alice, _event(shared)) is False  # undo
    after = next(i for i in board.feed(november, alice) if i["kind"] == "shared")
    assert (after["cheers"], after["cheered"]) == (1, False)
    services.unshare_ask(bob, ask)
    assert not [i for i in board.feed(november, alice) if i["kind"] == "shared"]


def _event(item):
    from nomentum.groups.models import Event

    return Event.objects.get(pk=item["id"])


def test_sharing_every_ask_shares_new_ones_too_and_stopping_unshares(november, member):
    bob = membership(member, november)
    log(member, date(2026, 11, 2))
    services.set_sharing(bob, on_board=False, share_all=True, show_names=True)
    log(member, date(2026, 11, 3), to="Kim Park")
    log(member, date(2026, 12, 3))  # after the period
    shared = [i for i in board.feed(november, bob) if i["kind"] == "shared"]
    assert sorted(i["text"] for i in shared) == ["Ask on 2026-11-02", "Ask on 2026-11-03"]
    assert "Kim Park" in [i["to"] for i in shared]  # named, as chosen
    services.set_sharing(bob, on_board=False, share_all=False, show_names=False)
    assert not [i for i in board.feed(november, bob) if i["kind"] == "shared"]


def test_leaving_removes_shares_and_the_last_organiser_must_hand_over(november, member):
    bob = membership(member, november)
    alice = november.memberships.get(role="organiser")
    services.set_sharing(bob, on_board=True, share_all=True, show_names=False)
    log(member, date(2026, 11, 2))
    with pytest.raises(services.GroupError, match="make another member organiser"):
        services.leave(alice)
    services.leave(bob)
    assert not [i for i in board.feed(november, alice) if i["who"] == "bob"]
    log(member, date(2026, 11, 3))  # an ex-member's log no longer moves the group
    bob.refresh_from_db()
    assert bob.nos == 1 and bob.left_at is not None
    services.join_group(member, november, 2, today=START)  # coming back is allowed
    assert membership(member, november).active


def test_a_closed_group_is_read_only_history(november, member):
    alice = november.memberships.get(role="organiser")
    services.close_group(alice)
    bob = membership(member, november)
    for action in (
        lambda: services.join_group(person("zed"), november, 3),
        lambda: services.check_in(bob, 1, 1, 1, 0),
        lambda: services.set_sharing(bob, True, False, False),
        lambda: services.rotate_code(alice),
    ):
        with pytest.raises(services.GroupError, match="closed"):
            action()
    before = bob.nos
    log(member, date(2026, 11, 4))
    bob.refresh_from_db()
    assert bob.nos == before


def test_weekly_digest_and_summary_count_only_members_who_show_counts(november, member):
    carol, dave = person("carol"), person("dave")
    for user in (carol, dave):
        services.join_group(user, november, 2, on_board=True, today=START)
    services.set_sharing(membership(member, november), False, False, False)
    log(carol, date(2026, 11, 2))
    log(dave, date(2026, 11, 3), "yes")
    log(member, date(2026, 11, 2))  # bob keeps his counts to himself
    alice = november.memberships.get(role="organiser")
    services.set_sharing(alice, on_board=True, share_all=False, show_names=False)
    week = board.digest(november, alice, 1)
    assert (week["totals"]["attempts"], week["totals"]["nos"], week["totals"]["yeses"]) == (2, 1, 1)
    assert [t["name"] for t in week["top"]] == ["carol", "alice", "dave"]
    summary = board.summary(november)
    assert (summary["members"], summary["counted"], summary["nos"]) == (4, 3, 1)
    csv_text = board.summary_csv(november).decode("utf-8-sig")
    assert "carol" in csv_text and "bob" not in csv_text
    assert csv_text.splitlines()[0] == "Week,From,To,Asks,No's,Yeses"


def test_week_counts_stay_right_for_many_weeks(november, member):
    for offset in range(30):
        log(member, START + timedelta(days=offset), "no" if offset % 2 else "yes")
    weeks = GroupWeek.objects.filter(membership__user=member).order_by("week")
    assert [w.attempts for w in weeks] == [7, 7, 7, 7, 2]
    assert sum(w.nos for w in weeks) == 15


def test_a_simulated_month_matches_every_log(november, member):
    """Three people, a month of random asks, edits, answers and deletions: every count
    the group shows equals a count made from their logs."""
    import random

    from nomentum.asks.models import Ask

    rng = random.Random(2026)
    carol = person("carol")
    services.join_group(carol, november, 2, on_board=True, today=START)
    alice = november.memberships.get(role="organiser")
    services.set_sharing(alice, on_board=True, share_all=False, show_names=False)
    services.set_sharing(membership(member, november), True, False, False)
    people = [alice.user, member, carol]
    made = []
    for n in range(90):
        who = rng.choice(people)
        day = START + timedelta(days=rng.randrange(-3, 33))  # some outside the month
        made.append(
            log(who, day, rng.choice(["no", "yes", "pending", "no_response"]), request=f"a{n}")
        )
        if rng.random() < 0.2:
            ask = rng.choice(made)
            asks.record_outcome(ask, rng.choice(["no", "yes", "partial"]))
        if rng.random() < 0.1:
            ask = made.pop(rng.randrange(len(made)))
            asks.delete_ask(ask)
        if rng.random() < 0.1:
            ask = rng.choice(made)
            ask.refresh_from_db()
            new_day = START + timedelta(days=rng.randrange(30))
            asks.update_ask(ask, {**_fields(ask), "date": new_day})
    for user in people:
        mine = membership(user, november)
        logged = Ask.objects.filter(
            owner=user, self_rejection=False, date__gte=START, date__lte=END
        )
        assert (mine.attempts, mine.nos, mine.yeses) == (
            logged.count(),
            logged.filter(outcome="no").count(),
            logged.filter(outcome="yes").count(),
        )
        for week in range(1, november.weeks + 1):
            first, last = november.week_span(week)
            in_week = logged.filter(date__gte=first, date__lte=last)
            counted = mine.weeks.filter(week=week).first()
            got = (counted.attempts, counted.nos) if counted else (0, 0)
            assert got == (in_week.count(), in_week.filter(outcome="no").count())
    summary = board.summary(november)
    all_logged = Ask.objects.filter(
        owner__in=people, self_rejection=False, date__gte=START, date__lte=END
    )
    assert (summary["attempts"], summary["nos"]) == (
        all_logged.count(),
        all_logged.filter(outcome="no").count(),
    )


def test_the_group_page_shows_your_own_weeks(november, member):
    from tests.groups.conftest import client_for

    log(member, date(2026, 11, 2))
    log(member, date(2026, 11, 9), "yes")
    services.check_in(membership(member, november), week=3, attempts=4, nos=3, yeses=0)
    page = client_for(member).get(f"/groups/{november.code}/").content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 3 and "(by hand)" in rows
    assert "<td>2</td><td>1</td><td>0</td><td>1</td>" in rows.replace("\n", "")
