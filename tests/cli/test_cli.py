"""The CLI contract of SPEC §7, cli in-process against the test database."""

import json

import pytest
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.models import Ask
from nomentum.cli import main


def _json(out):
    return json.loads(out)


def test_log_prints_the_code_and_stores_the_ask(cli, owner):
    code, out, err = cli(
        "log",
        "Ask for a 10% discount",
        "--to",
        "Dana Lee, Acme",
        "--via",
        "in person",
        "--tier",
        "comfort",
        "--category",
        "everyday",
        "--fear",
        "6",
    )
    assert code == 0 and err == ""
    ask = Ask.objects.get(code=out.strip())
    assert (ask.owner, ask.to, ask.method, ask.tier, ask.fear_before) == (
        owner,
        "Dana Lee, Acme",
        "in_person",
        "comfort",
        6,
    )


def test_log_json_has_the_contract_fields(cli, owner):
    code, out, _ = cli("log", "Pitch a talk", "--outcome", "no", "--date", "2026-01-15", "--json")
    data = _json(out)
    assert code == 0
    assert data["request"] == "Pitch a talk"
    assert data["outcome"] == "no"
    assert data["date"] == "2026-01-15"
    assert data["celebration"] == "Your first no. The hardest one is behind you."
    assert Ask.objects.filter(code=data["code"]).exists()


def test_outcome_accepts_a_short_code_and_dashed_outcomes(cli, owner, make_ask):
    ask = make_ask("Ask for feedback")
    code, out, _ = cli(
        "outcome", ask.code.hex[:6], "no-response", "--sting", "2", "--lesson", "Follow up sooner"
    )
    assert code == 0
    assert out.strip() == f"{ask.code}: No response"
    ask.refresh_from_db()
    assert (ask.outcome, ask.sting_after, ask.lessons) == ("no_response", 2, "Follow up sooner")


def test_list_and_stats_agree_with_the_log(cli, owner, make_ask):
    make_ask("one", outcome="no", date=timezone.localdate().replace(day=1))
    make_ask("two", outcome="yes")
    make_ask("three")
    make_ask("talked out of it", self_rejection=True)
    code, out, _ = cli("list", "--json")
    listed = _json(out)
    assert code == 0 and listed["count"] == 3
    assert listed["asks"][0]["request"] == "one"
    _, out, _ = cli("list", "--outcome", "no", "--json")
    assert [a["request"] for a in _json(out)["asks"]] == ["one"]
    _, out, _ = cli("stats", "--json")
    stats = _json(out)
    assert stats["asks"] == 3
    assert stats["outcomes"] == {"yes": 1, "no": 1, "no_response": 0, "pending": 1, "partial": 0}
    assert stats["yes_rate"] == 0.5
    assert stats["challenges"] == []


def test_plain_list_shows_short_codes(cli, owner, make_ask):
    ask = make_ask("Ask the gallery for a wall", to="Studio Nine")
    _, out, _ = cli("list")
    assert out.startswith(ask.code.hex[:8])
    assert "Ask the gallery for a wall  (Studio Nine)" in out


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["log", ""], "REQUEST: Write down what you asked for"),
        (["log", "x" * 5000], "REQUEST: Keep the request under 1,000 characters"),
        (["log", "Ask", "--fear", "11"], "--fear: Fear is a number from 0"),
        (["log", "Ask", "--fear", "lots"], "--fear: Fear is a number from 0"),
        (["log", "Ask", "--outcome", "maybe"], "--outcome: Outcome is one of"),
        (["log", "Ask", "--date", "3026-01-01"], "--date: That date is in the future"),
        (["log", "Ask", "--via", "pigeon"], "--via: Method is one of"),
        (["outcome", "abcdef12", "no"], "No such ask"),
        (["outcome", "zz", "no"], "No such ask"),
        (["list", "--since", "last week"], "--since: use a date like"),
        (["list", "--outcome", "maybe"], "--outcome: Outcome is one of"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_code_2(cli, owner, argv, reason):
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert reason in err
    assert not Ask.objects.exists()


def test_argparse_errors_are_one_line(capsys, owner):
    with pytest.raises(SystemExit) as exc:
        main(["log"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err.count("\n") == 1
    assert "the following arguments are required: request" in err


def test_bad_outcome_leaves_the_ask_as_it_was(cli, owner, make_ask):
    ask = make_ask()
    code, _, err = cli("outcome", str(ask.code), "maybe")
    assert code == 2 and "OUTCOME: Outcome is one of" in err
    ask.refresh_from_db()
    assert ask.outcome == "pending"


def test_another_users_code_is_not_found(cli, owner, outsider, make_ask):
    theirs = make_ask("Charlie's", user=outsider)
    code, _, err = cli("outcome", str(theirs.code), "no", "--user", "alice")
    assert code == 2 and "No such ask" in err
    theirs.refresh_from_db()
    assert theirs.outcome == "pending"


def test_with_several_accounts_the_user_must_be_named(cli, owner, outsider, monkeypatch):
    code, _, err = cli("log", "Ask")
    assert code == 2 and "several accounts" in err
    code, out, _ = cli("log", "Ask", "--user", "charlie")
    assert code == 0 and Ask.objects.get(code=out.strip()).owner == outsider
    monkeypatch.setenv("NOMENTUM_USER", "alice")
    code, out, _ = cli("log", "Ask")
    assert code == 0 and Ask.objects.get(code=out.strip()).owner == owner
    code, _, err = cli("log", "Ask", "--user", "nobody")
    assert code == 2 and "no account named 'nobody'" in err


def test_without_an_account_the_cli_says_how_to_make_one(cli, db):
    code, _, err = cli("list")
    assert code == 2 and "nomentum adduser NAME" in err


def test_adduser_with_a_password_from_stdin(cli, db, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("a sturdy passphrase 42\n"))
    code, out, _ = cli("adduser", "dana", "--email", "dana@example.com", "--password-stdin")
    assert code == 0 and "dana" in out
    user = User.objects.get(username="dana")
    assert user.check_password("a sturdy passphrase 42")
    code, _, err = cli("adduser", "dana")
    assert code == 2 and "already exists" in err


def test_adduser_rejects_weak_passwords_and_bad_emails(cli, db, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("123\n"))
    code, _, err = cli("adduser", "dana", "--password-stdin")
    assert code == 2 and "too short" in err
    code, _, err = cli("adduser", "dana", "--email", "not-an-email")
    assert code == 2 and "--email" in err
    assert not User.objects.filter(username="dana").exists()


def test_dates_follow_the_users_time_zone(cli, owner):
    owner.timezone = "Pacific/Kiritimati"  # UTC+14: often already tomorrow
    owner.save()
    _, out, _ = cli("log", "Ask", "--json")
    import zoneinfo

    expected = timezone.now().astimezone(zoneinfo.ZoneInfo("Pacific/Kiritimati")).date()
    assert _json(out)["date"] == expected.isoformat()
