"""Nomentum as a newcomer runs it: the console script, the production server and
several writers on one SQLite file at once."""

import json
import signal
import subprocess
import sys
import urllib.request

import pytest

from tests.processes import free_port, local_env, nomentum, wait_for

PASSWORD = "a sturdy passphrase 42"


@pytest.fixture
def install(tmp_path):
    env = local_env(tmp_path)
    result = nomentum(env, "adduser", "dana", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    return env


def test_cli_round_trip_on_a_fresh_data_directory(install, tmp_path):
    logged = nomentum(install, "log", "Ask the library to host a talk", "--to", "City Library")
    assert logged.returncode == 0, logged.stderr
    code = logged.stdout.strip()
    assert nomentum(install, "outcome", code[:8], "no").returncode == 0
    listed = json.loads(nomentum(install, "list", "--json").stdout)
    assert [(a["code"], a["outcome"], a["company"]) for a in listed["asks"]] == [
        (code, "no", "City Library")
    ]
    assert (tmp_path / "nomentum.sqlite3").exists()


def test_serve_runs_the_production_server_and_serves_pages_and_static_files(install):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nomentum.cli", "serve", "--port", str(port)],
        env=install,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/")
        with urllib.request.urlopen(base + "/accounts/login/") as page:  # noqa: S310
            html = page.read().decode()
            assert page.headers["Server"].startswith("gunicorn")
            assert page.headers["X-Frame-Options"] == "DENY"
            assert 'name="csrfmiddlewaretoken"' in html
        with urllib.request.urlopen(base + "/static/nomentum/app.css") as css:  # noqa: S310
            assert b"prefers-color-scheme: dark" in css.read()
        with urllib.request.urlopen(base + "/static/django_htmx/htmx-2.min.js") as js:  # noqa: S310
            assert js.status == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "Nomentum is running on" in output
    assert "Traceback" not in output


WRITER = """
import sys
from nomentum.cli import main
for i in range(int(sys.argv[1])):
    main(["log", f"{sys.argv[2]} ask {i}", "--outcome", "no"])
    sys.stdout.flush()
"""


def test_concurrent_writers_never_see_database_is_locked(install):
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "15", f"writer{w}"],
            env=install,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(4)
    ]
    results = [w.communicate(timeout=120) for w in writers]
    for (out, err), writer in zip(results, writers, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert len(out.split()) == 15
    stats = json.loads(nomentum(install, "stats", "--json").stdout)
    assert stats["outcomes"]["no"] == 60


def test_every_acknowledged_ask_survives_a_killed_writer(install):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, "100000", "killed"],
        env=install,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    acknowledged = []
    for line in writer.stdout:
        acknowledged.append(line.strip())
        if len(acknowledged) == 25:
            writer.send_signal(signal.SIGKILL)
            break
    acknowledged.extend(line.strip() for line in writer.stdout)
    writer.wait(timeout=30)
    stored = {a["code"] for a in json.loads(nomentum(install, "list", "--json").stdout)["asks"]}
    assert len(acknowledged) >= 25
    assert set(acknowledged) <= stored


def test_the_first_command_after_an_upgrade_brings_the_database_up_to_date(install):
    # Roll the challenges tables back, as if this install predates them.
    rollback = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "migrate",
            "challenges",
            "zero",
            "-v",
            "0",
            "--settings",
            "nomentum.settings",
        ],
        env=install,
        capture_output=True,
        text=True,
        check=False,
    )
    assert rollback.returncode == 0, rollback.stderr
    started = nomentum(install, "challenge", "start", "100-in-30", "--json")
    assert started.returncode == 0, started.stderr
    stats = json.loads(nomentum(install, "stats", "--json").stdout)
    assert [c["template"] for c in stats["challenges"]] == ["100-in-30"]


def test_backup_is_consistent_while_a_writer_keeps_writing(install, tmp_path):
    import sqlite3

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, "100000", "busy"],
        env=install,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    acknowledged = []
    try:
        for line in writer.stdout:
            acknowledged.append(line.strip())
            if len(acknowledged) == 20:
                break
        backup = tmp_path / "copy.sqlite3"
        result = nomentum(install, "backup", str(backup))
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    codes = {row[0] for row in copy.execute("SELECT code FROM asks_ask")}
    assert {code.replace("-", "") for code in acknowledged} <= codes
    again = nomentum(install, "backup", str(backup))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_the_database_and_its_journal_are_readable_by_their_owner_only(install, tmp_path):
    assert nomentum(install, "log", "Ask for a table by the window").returncode == 0
    for name in ("nomentum.sqlite3", "nomentum.sqlite3-wal", "nomentum.sqlite3-shm"):
        path = tmp_path / name
        if path.exists():
            assert path.stat().st_mode & 0o777 == 0o600, name
    loose = tmp_path / "nomentum.sqlite3"
    loose.chmod(0o644)  # e.g. copied in by hand
    assert nomentum(install, "list").returncode == 0
    assert loose.stat().st_mode & 0o777 == 0o600


def test_a_reader_that_stops_early_gets_no_traceback(install, tmp_path):
    rows = "".join(f"2026-11-{1 + n % 20:02d},Ask number {n} for a table\n" for n in range(300))
    (tmp_path / "many.csv").write_text("Date,Request\n" + rows)  # more JSON than a pipe holds
    assert nomentum(install, "import", str(tmp_path / "many.csv")).returncode == 0
    command = f"{sys.executable} -m nomentum.cli list --json | head -c 10"
    piped = subprocess.run(  # noqa: S602 - a fixed command line, for a real pipe
        command, shell=True, env=install, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr
