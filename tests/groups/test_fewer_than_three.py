"""The board minimum holds in every group output: with fewer than three members showing
their counts, no totals, top lists, milestones or per-member rows appear anywhere (the
page, the weekly digest, the summary, its CSV, the API); a digest holds its own week."""

import json
from datetime import date

from django.test import Client

from nomentum.accounts.services import create_token
from nomentum.asks import services as asks
from nomentum.groups import board, services
from tests.groups.conftest import person


def _log(user, day, outcome="no"):
    return asks.log_ask(user, {"request": f"Ask on {day}", "date": day, "outcome": outcome}).ask


def _on_board(user, group, weekly_goal=3):
    return services.join_group(user, group, weekly_goal, on_board=True, today=date(2026, 11, 1))


def test_with_two_showing_their_counts_no_output_has_numbers(owner, november):
    organiser = november.memberships.get(user=owner)
    services.set_sharing(organiser, on_board=True, share_all=False, show_names=False)
    bob = person("bob")
    _on_board(bob, november)
    for n in range(12):
        _log(bob, date(2026, 11, 2 + n % 5))  # bob reaches 10 no's: a milestone
    summary = board.summary(november)
    assert (summary["shown"], summary["nos"], summary["weeks"], summary["milestones"]) == (
        False,
        None,
        [],
        [],
    )
    csv_text = board.summary_csv(november).decode("utf-8-sig")
    assert "bob" not in csv_text and "12" not in csv_text
    digest = board.digest(november, organiser, 1)
    assert (digest["totals"], digest["top"]) == (None, [])
    assert all(item["kind"] != "milestone" for item in board.feed(november, organiser))
    api = Client().get(
        f"/api/groups/{november.code}/summary",
        headers={"Authorization": f"Bearer {create_token(owner)[1]}"},
    )
    assert api.status_code == 200
    assert (api.json()["shown"], api.json()["nos"], api.json()["milestones"]) == (False, None, [])
    page = Client()
    page.force_login(owner)
    assert "bob" not in page.get(f"/groups/{november.code}/summary/").content.decode()


def test_a_weeks_digest_holds_that_week_only(owner, november):
    organiser = november.memberships.get(user=owner)
    services.set_sharing(organiser, on_board=True, share_all=True, show_names=False)
    for name in ("bob", "carol"):
        _on_board(person(name), november)
    first = _log(owner, date(2026, 11, 3))  # week 1
    second = _log(owner, date(2026, 11, 10), outcome="yes")  # week 2
    week1, week2 = board.digest(november, organiser, 1), board.digest(november, organiser, 2)
    assert (week1["totals"]["nos"], week1["totals"]["yeses"]) == (1, 0)
    assert (week2["totals"]["nos"], week2["totals"]["yeses"]) == (0, 1)
    shared1 = [i["text"] for i in week1["items"] if i["kind"] == "shared"]
    shared2 = [i["text"] for i in week2["items"] if i["kind"] == "shared"]
    assert (shared1, shared2) == ([first.request], [second.request])
    assert json.dumps([week1["first"].isoformat(), week1["last"].isoformat()]) == json.dumps(
        ["2026-11-01", "2026-11-07"]
    )
