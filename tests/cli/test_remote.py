"""The CLI against a live server on loopback (NOMENTUM_URL + NOMENTUM_TOKEN) says what it
says against the local database: same data, same text, same errors."""

import json
import logging
import re

import pytest

from nomentum.accounts.services import create_token
from nomentum.asks import services
from nomentum.asks.models import Ask

UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


@pytest.fixture
def both(transactional_db, live_server, owner, cli, monkeypatch):
    """Runs one command locally, then remotely; returns both (exit code, out, err)."""
    secret = create_token(owner)[1]
    quiet(monkeypatch)

    def run(*argv: str, remotely: tuple[str, ...] = ()):
        monkeypatch.delenv("NOMENTUM_URL", raising=False)
        here = cli(*argv)
        monkeypatch.setenv("NOMENTUM_URL", live_server.url)
        monkeypatch.setenv("NOMENTUM_TOKEN", secret)
        there = cli(*(remotely or argv))
        monkeypatch.delenv("NOMENTUM_URL")
        return here, there

    return run


def quiet(monkeypatch):
    """The live server logs each 4xx on this process's stderr, which the CLI shares here."""
    logger = logging.getLogger("django.request")
    monkeypatch.setattr(logger, "level", logging.ERROR)
    logger.manager._clear_cache()


def _same_shape(text: str) -> str:
    """Codes differ between two asks logged by two runs; everything else must not."""
    return UUID.sub("CODE", text)


def test_reading_commands_print_the_same(both, owner):
    services.log_ask(owner, {"request": "Ask for a raise", "to": "Priya, Acme", "outcome": "no"})
    services.log_ask(owner, {"request": "Pitch a talk", "date": "2026-11-01"})
    services.log_ask(owner, {"request": "Ask Sam to lunch", "outcome": "yes", "lessons": "private"})
    both("challenge", "start", "100-in-30", remotely=("challenge", "start", "1000-in-365"))
    both("plan", "--areas", "career", "--seed", "3")
    both("group", "create", "Here", "--on-board", remotely=("group", "create", "There"))
    for argv in [
        ("list",),
        ("list", "--json"),
        ("list", "--outcome", "no", "--json"),
        ("list", "--since", "2026-11-02"),
        ("stats",),
        ("stats", "--json"),
        ("challenge", "list"),
        ("challenge", "list", "--json"),
        ("plan", "--json"),
        ("today", "--json"),
        ("followups", "--all", "--json"),
        ("guard", "Ask Priya again", "--to", "Priya, Acme", "--json"),
        ("guard", "Ask a stranger for $20"),
        ("group", "list", "--json"),
        ("group", "board", "Here", "--json"),
        ("group", "board", "there", "--by", "progress"),
    ]:
        here, there = both(*argv)
        assert here[0] == there[0] == 0, (argv, here, there)
        assert here == there, argv
        if "--json" in argv:
            json.loads(there[1])


def test_writing_commands_answer_alike(both, owner):
    here, there = both("log", "Ask for a discount", "--via", "email", "--fear", "6", "--json")
    assert here[0] == there[0] == 0
    local, remote = json.loads(here[1]), json.loads(there[1])
    assert {k: v for k, v in local.items() if k not in ("code", "celebration")} == {
        k: v for k, v in remote.items() if k not in ("code", "celebration")
    }
    assert (remote["fear_before"], remote["method"]) == (6, "email")
    asks = Ask.objects.filter(owner=owner, request="Ask for a discount")
    assert asks.count() == 2

    local_code, remote_code = local["code"], remote["code"]
    here = both("outcome", local_code[:8], "no", "--objection", "budget")[0]
    there = both("outcome", remote_code[:8], "no", "--objection", "budget")[1]
    assert _same_shape(here[1]) == _same_shape(there[1]) == "CODE: No\n"
    assert set(asks.values_list("outcome", flat=True)) == {"no"}

    start = ("challenge", "start", "custom", "--target", "20", "--days", "10", "--json")
    here, there = both(*start, "--name", "Here", remotely=(*start, "--name", "There"))
    assert here[0] == there[0] == 0
    a, b = json.loads(here[1]), json.loads(there[1])
    assert (a["target"], a["end"], a["counted"]) == (b["target"], b["end"], b["counted"])
    assert b["name"] == "There"
    here, there = both(*start, "--name", "There")
    assert here == there and "There" in there[2]


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "Ask", "--fear", "11"),
        ("log", "Ask", "--fear", "lots"),
        ("log", "", "--to", "Dana"),
        ("log", "Ask", "--outcome", "maybe"),
        ("log", "Ask", "--date", "3026-01-01"),
        ("log", "Ask", "--via", "pigeon"),
        ("outcome", "abcdef12", "no"),
        ("list", "--outcome", "maybe"),
        ("challenge", "start", "200-in-2"),
        ("challenge", "start", "custom", "--target", "0"),
        ("challenge", "start", "custom", "--days", "0"),
        ("plan", "--comfort", "9"),
        ("plan", "--areas", "astrology"),
        ("group", "join", "NOSUCHCD"),
        ("group", "board", "Nowhere"),
        ("group", "create", "X", "--weekly-goal", "0"),
        ("group", "create", "X", "--start", "2026-11-30", "--end", "2026-11-01"),
    ],
)
def test_bad_input_gets_the_same_one_line_error(both, owner, argv):
    here, there = both(*argv)
    assert here[0] == there[0] == 2
    assert here == there
    assert there[2].count("\n") == 1 and there[1] == ""
    assert not Ask.objects.filter(owner=owner).exists()


def test_the_guard_refuses_remotely_with_the_same_words(both, owner):
    services.log_ask(owner, {"request": "Ask Dana", "to": "Dana Lee, Acme", "outcome": "no"})
    here, there = both("log", "Ask Dana again", "--to", "Dana Lee, Acme")
    assert here == there
    assert there[0] == 2 and "not logged: " in there[2] and "Dana Lee already said no" in there[2]
    assert Ask.objects.filter(owner=owner).count() == 1


def test_import_and_export_through_the_server(both, owner, tmp_path):
    sheet = tmp_path / "log.csv"
    sheet.write_text("Date,Ask,Who,Result\n2026-11-02,Ask for a mentor,Ana,nope\n")
    here, there = both("import", str(sheet), "--dry-run", "--json")
    assert here == there and json.loads(there[1])["new"] == 1
    here, there = both("export", "--format", "csv", "-o", str(tmp_path / "a.csv"))
    assert here[0] == 0 and there[0] == 2 and "already exists" in there[2]
    both("export", "--format", "json", "-o", str(tmp_path / "b.json"), "--force")
    assert json.loads((tmp_path / "b.json").read_text())["account"]["username"] == "alice"


def test_a_read_only_or_wrong_token_and_local_only_commands(
    transactional_db, live_server, owner, cli, monkeypatch
):
    quiet(monkeypatch)
    monkeypatch.setenv("NOMENTUM_URL", live_server.url)
    monkeypatch.setenv("NOMENTUM_TOKEN", create_token(owner, read_only=True)[1])
    assert cli("stats")[0] == 0
    code, _, err = cli("log", "Nope")
    assert (code, err) == (2, "nomentum: This token is read-only.\n")
    monkeypatch.setenv("NOMENTUM_TOKEN", "nmt_wrong_token")
    code, _, err = cli("stats")
    assert code == 2 and "did not accept NOMENTUM_TOKEN" in err
    code, _, err = cli("backup", "copy.sqlite3")
    assert code == 2 and "server's own database" in err
    monkeypatch.setenv("NOMENTUM_URL", "http://127.0.0.1:9")
    code, _, err = cli("stats")
    assert code == 2 and err.startswith("nomentum: cannot reach http://127.0.0.1:9/api")
    assert not Ask.objects.exists()
