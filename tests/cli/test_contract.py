"""The `--json` shapes of SPEC §7 ("CLI contract"), checked on the `nomentum` command
run in-process: one JSON object on one line of stdout; bad input is one line on
stderr starting "nomentum: ", exit code 2 and nothing on stdout."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.coach.models import Area
from nomentum.groups.models import Group

TIERS = {"comfort", "stretch", "moonshot"}
OUTCOME_KEYS = {"yes", "no", "no_response", "pending", "partial"}
CHALLENGE_KEYS = {
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


def _one_object(out: str) -> dict:
    """SPEC §7: JSON output is one object on stdout (here: on exactly one line)."""
    assert out.endswith("\n"), out
    assert out.count("\n") == 1, out
    data = json.loads(out)
    assert isinstance(data, dict), data
    return data


def _ok(cli, *argv: str) -> dict:
    code, out, err = cli(*argv)
    assert (code, err) == (0, ""), (argv, err)
    return _one_object(out)


def _today():
    return timezone.localdate()


def _days_ago(n: int) -> str:
    return (_today() - timedelta(days=n)).isoformat()


# log -------------------------------------------------------------------------------


def test_log_json_is_the_ask_with_code_request_outcome_and_date(cli, owner):
    day = _days_ago(3)
    logged = _ok(cli, "log", "Ask for a window seat", "--outcome", "no", "--date", day, "--json")
    assert logged["request"] == "Ask for a window seat"
    assert logged["outcome"] == "no"
    assert logged["date"] == day
    assert isinstance(logged["code"], str) and logged["code"]


def test_log_json_spells_dashed_outcomes_as_stored_values(cli, owner):
    logged = _ok(cli, "log", "Ask for a reply", "--outcome", "no-response", "--json")
    assert logged["outcome"] == "no_response"
    assert logged["date"] == _today().isoformat()


def test_log_json_codes_are_distinct_and_found_in_the_list(cli, owner):
    first = _ok(cli, "log", "First ask", "--json")
    second = _ok(cli, "log", "Second ask", "--json")
    assert first["code"] != second["code"]
    listed = _ok(cli, "list", "--json")
    assert {a["code"] for a in listed["asks"]} == {first["code"], second["code"]}


# list ------------------------------------------------------------------------------


def test_list_json_is_one_object_with_the_logged_asks_and_their_fields(cli, owner):
    logged = [
        _ok(cli, "log", "Ask for a discount", "--outcome", "yes", "--date", _days_ago(2), "--json"),
        _ok(cli, "log", "Ask for a lift", "--outcome", "no", "--date", _days_ago(1), "--json"),
        _ok(cli, "log", "Ask for a table", "--json"),
    ]
    listed = _ok(cli, "list", "--json")
    assert listed["count"] == 3
    rows = {a["code"]: a for a in listed["asks"]}
    for ask in logged:
        row = rows[ask["code"]]
        assert (row["request"], row["outcome"], row["date"]) == (
            ask["request"],
            ask["outcome"],
            ask["date"],
        )
    only_nos = _ok(cli, "list", "--outcome", "no", "--json")
    assert [a["code"] for a in only_nos["asks"]] == [logged[1]["code"]]


def test_list_json_without_asks_is_still_one_object(cli, owner):
    listed = _ok(cli, "list", "--json")
    assert listed["asks"] == []
    assert listed["count"] == 0


# stats -----------------------------------------------------------------------------


def test_stats_json_counts_outcomes_and_measures_the_challenge(cli, owner):
    started = _ok(cli, "challenge", "start", "100-in-30", "--json")
    outcomes = {
        "no": [_today().isoformat(), _today().isoformat(), _days_ago(1)],  # last: before start
        "yes": [_today().isoformat()],
        "no-response": [_days_ago(2)],
        "partial": [_today().isoformat()],
        "pending": [_today().isoformat()],
    }
    for outcome, days in outcomes.items():
        for n, day in enumerate(days):
            _ok(cli, "log", f"Ask {outcome} {n}", "--outcome", outcome, "--date", day, "--json")

    stats = _ok(cli, "stats", "--json")
    assert stats["outcomes"] == {
        "yes": 1,
        "no": 3,
        "no_response": 1,
        "pending": 1,
        "partial": 1,
    }
    assert set(stats["outcomes"]) == OUTCOME_KEYS
    assert stats["asks"] == 7
    answered = stats["asks"] - stats["outcomes"]["pending"]  # a pending ask has no answer yet
    assert stats["yes_rate"] == pytest.approx(stats["outcomes"]["yes"] / answered, abs=5e-4)

    [challenge] = stats["challenges"]
    assert set(challenge) >= CHALLENGE_KEYS
    today = _today()
    assert challenge["code"] == started["code"]
    assert challenge["template"] == "100-in-30"
    assert challenge["target"] == 100
    assert challenge["start"] == today.isoformat()
    assert challenge["end"] == (today + timedelta(days=29)).isoformat()  # 30 days, both counted
    assert challenge["counted"] == 2  # the no's from today; yesterday's came before the start
    # Four weekly stages of 25: on day one it is stage 1, nobody is behind yet, and the
    # week still needs 25 minus what is counted.
    assert challenge["stage"] == 1
    assert challenge["on_track"] is True
    assert challenge["needed_this_week"] == 25 - 2


def test_stats_json_yes_rate_is_null_before_any_answer(cli, owner):
    _ok(cli, "log", "Ask for a reference", "--json")
    stats = _ok(cli, "stats", "--json")
    assert stats["asks"] == 1
    assert stats["outcomes"] == {"yes": 0, "no": 0, "no_response": 0, "pending": 1, "partial": 0}
    assert stats["yes_rate"] is None
    assert stats["challenges"] == []


def test_stats_json_is_per_user(cli, owner, outsider):
    _ok(cli, "log", "Alice's ask", "--outcome", "no", "--user", "alice", "--json")
    _ok(cli, "log", "Charlie's ask", "--outcome", "yes", "--user", "charlie", "--json")
    _ok(cli, "log", "Charlie's second", "--outcome", "yes", "--user", "charlie", "--json")
    alice = _ok(cli, "stats", "--user", "alice", "--json")
    charlie = _ok(cli, "stats", "--user", "charlie", "--json")
    assert (alice["asks"], alice["outcomes"]["no"], alice["yes_rate"]) == (1, 1, 0)
    assert (charlie["asks"], charlie["outcomes"]["yes"], charlie["yes_rate"]) == (2, 2, 1)


# challenges ------------------------------------------------------------------------


def test_challenge_start_json_is_the_challenge_with_its_pace(cli, owner):
    started = _ok(cli, "challenge", "start", "100-in-30", "--json")
    assert set(started) >= CHALLENGE_KEYS
    assert (started["template"], started["target"], started["counted"]) == ("100-in-30", 100, 0)
    assert started["start"] == _today().isoformat()


def test_challenge_start_json_honours_target_days_and_start(cli, owner):
    start = _today() - timedelta(days=7)
    _ok(cli, "log", "Ask inside", "--outcome", "no", "--date", _days_ago(1), "--json")
    _ok(cli, "log", "Ask before", "--outcome", "no", "--date", _days_ago(8), "--json")
    started = _ok(
        cli,
        "challenge",
        "start",
        "custom",
        "--target",
        "10",
        "--days",
        "14",
        "--start",
        start.isoformat(),
        "--json",
    )
    assert (started["template"], started["target"]) == ("custom", 10)
    assert started["start"] == start.isoformat()
    assert started["end"] == (start + timedelta(days=13)).isoformat()
    assert started["counted"] == 1


def test_challenge_list_json_lists_the_started_challenges(cli, owner):
    assert _ok(cli, "challenge", "list", "--json")["challenges"] == []
    hundred = _ok(cli, "challenge", "start", "100-in-30", "--json")
    thousand = _ok(cli, "challenge", "start", "1000-in-365", "--json")
    listed = _ok(cli, "challenge", "list", "--json")
    by_code = {c["code"]: c for c in listed["challenges"]}
    assert set(by_code) == {hundred["code"], thousand["code"]}
    assert (by_code[hundred["code"]]["template"], by_code[hundred["code"]]["target"]) == (
        "100-in-30",
        100,
    )
    assert (by_code[thousand["code"]]["template"], by_code[thousand["code"]]["target"]) == (
        "1000-in-365",
        1000,
    )


# plan and today --------------------------------------------------------------------


def test_plan_json_has_weeks_with_targets_and_ideas(cli, owner):
    plan = _ok(cli, "plan", "--areas", "career", "--weeks", "3", "--target", "12", "--json")
    weeks = plan["weeks"]
    assert [w["week"] for w in weeks] == [1, 2, 3]
    assert sum(w["target"] for w in weeks) == 12
    for week in weeks:
        assert isinstance(week["target"], int) and week["target"] >= 0
        assert week["ideas"], week
        for idea in week["ideas"]:
            assert isinstance(idea["text"], str) and idea["text"].strip()
            assert idea["tier"] in TIERS
            assert idea["area"] == "career"


def test_plan_json_follows_the_asked_weeks_and_target(cli, owner):
    plan = _ok(
        cli, "plan", "--areas", "everyday,social", "--weeks", "5", "--target", "40", "--json"
    )
    assert len(plan["weeks"]) == 5
    assert sum(w["target"] for w in plan["weeks"]) == 40
    areas = {i["area"] for w in plan["weeks"] for i in w["ideas"]}
    assert areas and areas <= {"everyday", "social"}


def test_today_json_is_one_idea_with_text_tier_and_area(cli, owner):
    idea = _ok(cli, "today", "--json")
    assert isinstance(idea["text"], str) and idea["text"].strip()
    assert idea["tier"] in TIERS
    assert idea["area"] in Area.values


def test_today_json_comes_from_the_plans_area(cli, owner):
    _ok(cli, "plan", "--areas", "career", "--weeks", "2", "--target", "6", "--json")
    idea = _ok(cli, "today", "--json")
    assert idea["area"] == "career"
    assert idea["tier"] in TIERS


# guard -----------------------------------------------------------------------------


def test_guard_json_allows_a_raise_request(cli, owner):
    verdict = _ok(cli, "guard", "Ask my manager for a raise", "--json")
    assert verdict["allowed"] is True
    assert verdict["reasons"] == []
    assert isinstance(verdict["alternative"], str)


def test_guard_json_refuses_asking_a_stranger_for_money_with_reasons_and_an_alternative(cli, owner):
    verdict = _ok(cli, "guard", "Ask a stranger to give me money", "--json")
    assert verdict["allowed"] is False
    assert isinstance(verdict["reasons"], list) and verdict["reasons"]
    assert all(isinstance(r, str) and r.strip() for r in verdict["reasons"])
    assert isinstance(verdict["alternative"], str) and verdict["alternative"].strip()


# follow-ups ------------------------------------------------------------------------


def test_followups_json_has_a_thank_you_due_after_a_no(cli, owner):
    assert _ok(cli, "followups", "--json")["followups"] == []
    ask = _ok(
        cli,
        "log",
        "Ask to speak at the meetup",
        "--to",
        "Dana Lee, Acme",
        "--outcome",
        "no",
        "--json",
    )
    due = _ok(cli, "followups", "--json")
    assert due["count"] == len(due["followups"])
    thanks = [f for f in due["followups"] if f["ask"] == ask["code"] and f["kind"] == "thank-you"]
    assert len(thanks) == 1
    assert thanks[0]["due"] <= _today().isoformat()
    assert "Dana Lee" in thanks[0]["text"]


# tokens ----------------------------------------------------------------------------


def test_token_create_json_gives_a_bearer_token_for_the_api(cli, owner):
    _ok(cli, "log", "Ask for a second opinion", "--outcome", "no", "--json")
    made = _ok(cli, "token", "create", "--json")
    assert isinstance(made["id"], str) and made["id"]
    assert isinstance(made["token"], str) and made["token"]
    response = Client().get("/api/stats", HTTP_AUTHORIZATION=f"Bearer {made['token']}")
    assert response.status_code == 200
    assert response.json()["outcomes"]["no"] == 1  # alice's numbers: the token is hers


def test_a_made_up_bearer_token_is_refused(cli, owner):
    made = _ok(cli, "token", "create", "--json")
    response = Client().get("/api/stats", HTTP_AUTHORIZATION=f"Bearer {made['token']}x")
    assert response.status_code == 401


# groups ----------------------------------------------------------------------------


def test_group_create_json_has_code_name_and_an_invite_others_can_join_with(cli, owner):
    made = _ok(cli, "group", "create", "November of NO", "--json")
    assert isinstance(made["code"], str) and made["code"]
    assert made["name"] == "November of NO"
    assert made["invite"] == Group.objects.get(code=made["code"]).invite_code
    User.objects.create_user("bob")
    joined = _ok(cli, "group", "join", made["invite"], "--user", "bob", "--json")
    assert joined["code"] == made["code"]
    assert joined["name"] == "November of NO"


def _group_with(cli, members: list[str], name: str = "Spring of NO") -> dict:
    """A group organised by alice with ``members`` joining, everyone on the board. The
    join code is read from the database, so these tests do not lean on `invite`."""
    made = _ok(cli, "group", "create", name, "--on-board", "--user", "alice", "--json")
    invite = Group.objects.get(code=made["code"]).invite_code
    for member in members:
        User.objects.create_user(member)
        _ok(cli, "group", "join", invite, "--on-board", "--user", member, "--json")
    return made


def _log_nos(cli, user: str, nos: int, yeses: int = 0) -> None:
    for n in range(nos):
        _ok(cli, "log", f"Bold ask {n}", "--outcome", "no", "--user", user, "--json")
    for n in range(yeses):
        _ok(cli, "log", f"Lucky ask {n}", "--outcome", "yes", "--user", user, "--json")


def test_group_board_json_is_null_while_fewer_than_three_members_opted_in(cli, owner):
    _group_with(cli, ["bob"])
    _log_nos(cli, "bob", 2)
    found = _ok(cli, "group", "board", "Spring of NO", "--user", "bob", "--json")
    assert found["members"] == 2
    assert found["board"] is None


def test_group_board_json_ranks_three_opted_in_members_by_nos(cli, owner):
    _group_with(cli, ["bob", "carol"])
    _log_nos(cli, "alice", 1, yeses=1)
    _log_nos(cli, "bob", 3)
    _log_nos(cli, "carol", 2)
    found = _ok(cli, "group", "board", "Spring of NO", "--user", "carol", "--json")
    assert found["members"] == 3
    board = found["board"]
    assert isinstance(board, list) and len(board) == 3
    for row in board:
        assert {"name", "nos", "yeses", "progress"} <= set(row)
        assert isinstance(row["progress"], int | float)
    assert [(r["name"], r["nos"], r["yeses"]) for r in board] == [
        ("bob", 3, 0),
        ("carol", 2, 0),
        ("alice", 1, 1),
    ]


# errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("log", "", "--json"), "REQUEST"),
        (("log", "Ask", "--outcome", "maybe", "--json"), "--outcome"),
        (("list", "--outcome", "maybe", "--json"), "--outcome"),
        (("stats", "--user", "nobody", "--json"), "nobody"),
        (("challenge", "start", "nope", "--json"), "TEMPLATE"),
        (("challenge", "list", "--user", "nobody", "--json"), "nobody"),
        (("plan", "--weeks", "0", "--json"), "--weeks"),
        (("today", "--user", "nobody", "--json"), "nobody"),
        (("guard", "Ask my manager for a raise", "--user", "nobody", "--json"), "nobody"),
        (("followups", "--user", "nobody", "--json"), "nobody"),
        (("token", "create", "--user", "nobody", "--json"), "nobody"),
        (("group", "create", "", "--json"), "NAME"),
        (("group", "board", "no such group", "--json"), "no such group"),
    ],
    ids=lambda value: " ".join(a or '""' for a in value) if isinstance(value, tuple) else "",
)
def test_bad_input_is_one_line_on_stderr_exit_2_and_nothing_on_stdout(cli, owner, argv, reason):
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert err.startswith("nomentum: "), err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert reason in err, err
