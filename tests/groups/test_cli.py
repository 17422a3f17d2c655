"""`nomentum group create / join / board / list`, here and against a server."""

import json
from datetime import date

from nomentum.accounts.models import User
from nomentum.asks import services as asks
from nomentum.groups.models import Membership


def test_create_join_and_board_from_the_command_line(cli, owner, monkeypatch):
    code, out, err = cli(
        "group",
        "create",
        "November of NO",
        "--start",
        "2026-11-01",
        "--end",
        "2026-11-30",
        "--on-board",
        "--json",
    )
    assert code == 0, err
    made = json.loads(out)
    assert (made["name"], made["role"], made["weeks"], made["on_board"]) == (
        "November of NO",
        "organiser",
        5,
        True,
    )
    for name, goal in (("bob", "4"), ("carol", "2")):
        User.objects.create_user(name)
        code, out, err = cli(
            "group",
            "join",
            made["invite_code"].lower(),
            "--weekly-goal",
            goal,
            "--on-board",
            "--user",
            name,
        )
        assert code == 0 and out.startswith("Joined November of NO"), err
    asks.log_ask(
        User.objects.get(username="bob"),
        {"request": "Ask", "date": date(2026, 11, 2), "outcome": "no"},
    )
    code, out, _ = cli("group", "board", "november of no", "--json", "--user", "carol")
    board = json.loads(out)
    assert board["shown"] is True
    assert [(r["rank"], r["name"], r["nos"], r["you"]) for r in board["rows"]] == [
        (1, "bob", 1, False),
        (2, "alice", 0, False),
        (3, "carol", 0, True),
    ]
    code, out, _ = cli("group", "board", "November of NO", "--by", "progress", "--user", "bob")
    assert out.splitlines()[0] == "  1. bob (you): 1 no's, 6% of their goal"
    code, out, _ = cli("group", "list", "--user", "bob")
    assert out.startswith("November of NO: 2026-11-01 to 2026-11-30 (member")


def test_group_mistakes_are_one_line_errors(cli, owner):
    for argv, reason in [
        (("group", "join", "NOSUCHCD"), "No group has this invite code"),
        (("group", "board", "Nope"), "You are in no group called 'Nope'"),
        (
            ("group", "create", "X", "--start", "2026-11-30", "--end", "2026-11-01"),
            "--end: The end comes before the start.",
        ),
        (("group", "create", "", "--json"), "NAME: Give the group a name."),
        (
            ("group", "create", "X", "--weekly-goal", "0"),
            "--weekly-goal: A weekly goal is a number",
        ),
        (("group", "create", "X", "--template", "200-in-2"), "--template: Template is one of"),
    ]:
        code, out, err = cli(*argv)
        assert (code, out) == (2, ""), argv
        assert err.count("\n") == 1 and reason in err, (argv, err)
    assert not Membership.objects.exists()
