"""`nomentum challenge` and the challenges in `stats --json`, checked by hand."""

import json
from datetime import timedelta

import pytest

from nomentum.challenges.catalog import month_of
from nomentum.challenges.models import Challenge


def test_start_each_template_from_the_cli(cli, owner, today):
    for template in ("100-in-30", "1000-in-365", "monthly-group", "custom"):
        code, out, err = cli("challenge", "start", template, "--json")
        assert code == 0, err
        data = json.loads(out)
        assert data["template"] == template
    challenges = {c.template: c for c in Challenge.objects.filter(owner=owner)}
    assert challenges["100-in-30"].end == today + timedelta(days=29)
    assert challenges["1000-in-365"].end == today + timedelta(days=364)
    assert challenges["monthly-group"].start == month_of(today)[0]
    assert challenges["monthly-group"].target == 12
    assert challenges["custom"].target == 50


def test_stats_json_agrees_with_a_hand_count(cli, owner, make_ask, today):
    start = today - timedelta(days=9)  # day 10 of 30: week 2 (days 8-14)
    cli("challenge", "start", "100-in-30", "--start", start.isoformat(), "--name", "Sprint")
    cli(
        "challenge",
        "start",
        "custom",
        "--target",
        "10",
        "--days",
        "14",
        "--counts",
        "no+silence",
        "--start",
        start.isoformat(),
        "--name",
        "Small",
    )
    for days_ago, outcome in [
        (9, "no"),
        (8, "no"),
        (3, "no_response"),
        (1, "no"),
        (0, "yes"),
        (12, "no"),
    ]:
        cli(
            "log",
            f"ask {days_ago}",
            "--outcome",
            outcome,
            "--date",
            (today - timedelta(days=days_ago)).isoformat(),
        )
    code, out, _ = cli("stats", "--json")
    stats = json.loads(out)
    assert code == 0
    assert stats["asks"] == 6 and stats["outcomes"]["no"] == 4
    by_name = {c["name"]: c for c in stats["challenges"]}
    sprint = by_name["Sprint"]
    # No's on days 1, 2 and 9 count; the one 12 days ago is before the start.
    assert sprint["counted"] == 3
    assert (sprint["start"], sprint["end"]) == (
        start.isoformat(),
        (start + timedelta(days=29)).isoformat(),
    )
    assert sprint["stage"] == 2 and sprint["stage_name"] == "Raising the stakes"
    # 50 by day 14 less 3 is 47; a humane week asks at most 5 a day (best day: 1) for
    # the 5 days left, and offers to extend or lower the target instead.
    assert sprint["needed_this_week"] == 25
    assert sprint["on_track"] is False  # the line stood at 25 + 25 × 2/7 ≈ 32 last night
    assert sprint["days_left"] == 21
    small = by_name["Small"]
    assert small["counted"] == 4  # three no's and a silence
    # Week 2 ends on day 14 = the last day: the whole target of 10.
    assert small["needed_this_week"] == 6
    assert set(sprint) >= {
        "code",
        "template",
        "target",
        "counted",
        "start",
        "end",
        "stage",
        "on_track",
        "needed_this_week",
    }


def test_challenge_list_shows_current_and_finished(cli, owner, today):
    cli(
        "challenge",
        "start",
        "custom",
        "--target",
        "5",
        "--days",
        "3",
        "--start",
        (today - timedelta(days=10)).isoformat(),
        "--name",
        "Old one",
    )
    cli("challenge", "start", "100-in-30")
    code, out, _ = cli("challenge", "list", "--json")
    assert code == 0
    statuses = {c["name"]: c["status"] for c in json.loads(out)["challenges"]}
    assert statuses["Old one"] == "finished"
    assert list(statuses.values()).count("active") == 1
    _, out, _ = cli("stats", "--json")
    assert [c["name"] for c in json.loads(out)["challenges"]] != ["Old one"]
    assert "Old one" not in out


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--target", "0"], "--target: Pick a target between 1 and 100,000."),
        (["--target", "10000000"], "--target: Pick a target between 1 and 100,000."),
        (["--days", "0"], "--days: A challenge lasts 1 to 3,650 days"),
        (["--start", "22/11/2026"], "--start: use a date like 2026-11-22"),
        (["--category", "hobbies"], "--category:"),
    ],
)
def test_bad_challenge_input_from_the_cli(cli, owner, argv, reason):
    code, out, err = cli("challenge", "start", "custom", *argv)
    assert code == 2 and out == "" and reason in err and err.count("\n") == 1
    assert not Challenge.objects.exists()


def test_unknown_template_and_duplicate_names(cli, owner):
    code, _, err = cli("challenge", "start", "200-in-2")
    assert code == 2 and "TEMPLATE: Template is one of: 100-in-30" in err
    assert cli("challenge", "start", "custom", "--name", "Mine")[0] == 0
    code, _, err = cli("challenge", "start", "custom", "--name", "mine")
    assert code == 2 and "already have a challenge called" in err
