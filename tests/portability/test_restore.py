"""`nomentum restore` on real processes and a real SQLite file: refused while a server
holds the database, refused for a file that is not a whole Nomentum backup, and after a
kill -9 exactly the backup's rows, with no stale WAL replayed into it."""

import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.processes import free_port, local_env, nomentum, wait_for

PASSWORD = "a sturdy passphrase 42"


@pytest.fixture
def install(tmp_path):
    env = local_env(tmp_path / "data")
    made = nomentum(env, "adduser", "dana", "--password-stdin", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    return env


@pytest.fixture
def database(install) -> Path:
    return Path(install["NOMENTUM_DATA_DIR"]) / "nomentum.sqlite3"


@contextmanager
def serving(env: dict[str, str]):
    """`nomentum serve` in its own process group, so a test can kill -9 all of it."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nomentum.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        yield server, port
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def token_for(env: dict[str, str]) -> str:
    made = nomentum(env, "token", "create", "--json")
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)["token"]


def post_ask(port: int, token: str, text: str) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/asks",
        data=json.dumps({"request": text}).encode(),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": uuid.uuid4().hex,
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        return json.load(answer)["code"].replace("-", "")


def asks_in(path: Path) -> set[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as db:
        return set(db.execute("SELECT code, request FROM asks_ask"))


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the data directory, by name, with a hash of its bytes (but the
    empty lock file, which any restore may create)."""
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in folder.iterdir()
        if not f.name.endswith(".lock")
    }


def backup_of(env: dict[str, str], target: Path) -> Path:
    made = nomentum(env, "backup", str(target))
    assert made.returncode == 0, made.stderr
    return target


def test_restore_is_refused_while_a_server_holds_the_database(install, database, tmp_path):
    assert nomentum(install, "log", "Ask for a window seat").returncode == 0
    backup = backup_of(install, tmp_path / "backup.sqlite3")
    with serving(install) as (_, port):
        post_ask(port, token_for(install), "Ask for a later checkout")
        before = asks_in(database)
        names = sorted(p.name for p in database.parent.iterdir())
        refused = nomentum(install, "restore", str(backup))
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1
        assert "a server is using" in refused.stderr and "stop it first" in refused.stderr
        assert sorted(p.name for p in database.parent.iterdir()) == names
        assert asks_in(database) == before
    # Once the server has stopped, the same restore goes through.
    restored = nomentum(install, "restore", str(backup), "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["asks"] == 1


def test_restore_is_refused_while_the_workers_of_a_killed_server_live_on(
    install, database, tmp_path
):
    backup = backup_of(install, tmp_path / "backup.sqlite3")
    with serving(install) as (server, _):
        os.killpg(server.pid, signal.SIGSTOP)  # master and workers, frozen as they are
        try:
            server.kill()  # the master alone: its workers could still answer requests
            server.wait(timeout=30)
            refused = nomentum(install, "restore", str(backup))
        finally:
            os.killpg(server.pid, signal.SIGKILL)

    assert refused.returncode == 2 and "a server is using" in refused.stderr
    deadline = time.monotonic() + 30
    while (restored := nomentum(install, "restore", str(backup))).returncode != 0:
        assert time.monotonic() < deadline, restored.stderr  # the OS reaps them first
        time.sleep(0.2)


def test_restore_after_a_killed_writing_server_has_exactly_the_backups_rows(
    install, database, tmp_path
):
    token = token_for(install)
    acked: list[str] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def write(port: int) -> None:
        n = 0
        while not stop.is_set():
            try:
                acked.append(post_ask(port, token, f"Crash ask {n}"))
            except Exception as exc:  # the server is gone (or answered an error)
                failures.append(exc)
                return
            n += 1

    def wait_for_acks(count: int) -> None:
        deadline = time.monotonic() + 60
        while len(acked) < count and time.monotonic() < deadline and not failures:
            time.sleep(0.05)
        assert len(acked) >= count, f"the writer stopped: {failures}"

    backup = tmp_path / "mid-way.sqlite3"
    with serving(install) as (server, port):
        writer = threading.Thread(target=write, args=(port,))
        writer.start()
        try:
            wait_for_acks(15)
            backup_of(install, backup)  # while the writer keeps writing
            acked_by_then = len(acked)
            wait_for_acks(acked_by_then + 15)
            os.killpg(server.pid, signal.SIGKILL)  # master and workers, mid-write
            server.wait(timeout=30)
        finally:
            stop.set()
            writer.join(timeout=30)
    assert Path(f"{database}-wal").stat().st_size > 0, "the crash left no WAL behind"
    in_backup = asks_in(backup)
    assert len(in_backup) >= 15
    assert set(acked[acked_by_then:]).isdisjoint(code for code, _ in in_backup)
    assert copied_over(database, backup, tmp_path / "by-hand") != (in_backup, "ok")

    restored = nomentum(install, "restore", str(backup), "--json")

    assert restored.returncode == 0, restored.stderr
    assert integrity(database) == "ok"
    assert asks_in(database) == in_backup
    done = json.loads(restored.stdout)
    assert done["asks"] == len(in_backup)
    # The replaced database still holds every acknowledged ask.
    kept = Path(done["kept_aside"])
    assert kept.name.startswith("nomentum.sqlite3.before-restore-")
    assert integrity(kept) == "ok"
    assert set(acked) <= {code for code, _ in asks_in(kept)}


def copied_over(database: Path, backup: Path, scratch: Path):
    """What the old advice, "stop the server and copy the file over", gives after a
    crash: the backup beside the crashed database's WAL and SHM (its rows and its
    integrity, or the error opening it)."""
    scratch.mkdir()
    for suffix in ("-wal", "-shm"):
        shutil.copy(f"{database}{suffix}", scratch / f"nomentum.sqlite3{suffix}")
    shutil.copy(backup, scratch / "nomentum.sqlite3")
    try:
        return asks_in(scratch / "nomentum.sqlite3"), integrity(scratch / "nomentum.sqlite3")
    except sqlite3.DatabaseError as exc:
        return str(exc)


def damaged(backup: Path) -> Path:
    copy = backup.with_name("damaged.sqlite3")
    shutil.copy(backup, copy)
    page = 4096
    with copy.open("r+b") as f:
        for n in range(4, copy.stat().st_size // page, 3):  # every third page's cells
            f.seek(n * page + 100)
            f.write(b"\xff" * 200)
    return copy


def from_the_future(backup: Path) -> Path:
    copy = backup.with_name("newer.sqlite3")
    shutil.copy(backup, copy)
    with closing(sqlite3.connect(copy)) as db, db:
        db.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('asks', '9999_from_a_newer_nomentum', '2099-01-01')"
        )
    return copy


def not_sqlite(backup: Path) -> Path:
    copy = backup.with_name("notes.sqlite3")
    copy.write_text("Date,Request\n2026-11-22,Ask for a raise\n")
    return copy


def not_nomentum(backup: Path) -> Path:
    copy = backup.with_name("other.sqlite3")
    with closing(sqlite3.connect(copy)) as db, db:
        db.execute("CREATE TABLE notes (text TEXT)")
    return copy


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (not_sqlite, r"cannot be read as a SQLite database \(file is not a database\)"),
        (damaged, r"is damaged \(integrity_check: |cannot be read as a SQLite database"),
        (from_the_future, r"comes from a newer Nomentum \(.*asks\.9999_from_a_newer_nomentum"),
        (not_nomentum, r"is not a Nomentum backup"),
    ],
    ids=["not-sqlite", "damaged", "unknown-migration", "not-nomentum"],
)
def test_a_file_that_is_not_a_whole_nomentum_backup_is_refused_and_nothing_changes(
    install, database, tmp_path, make, reason
):
    assert nomentum(install, "log", "Ask for a discount").returncode == 0
    given = make(backup_of(install, tmp_path / "backup.sqlite3"))
    before = snapshot(database.parent)

    refused = nomentum(install, "restore", str(given))

    assert refused.returncode == 2
    assert refused.stderr.startswith(f"nomentum: {given}")
    assert re.search(reason, refused.stderr)
    assert refused.stderr.count("\n") == 1
    assert snapshot(database.parent) == before


def test_backup_and_restored_database_are_readable_by_their_owner_only(install, database, tmp_path):
    assert nomentum(install, "log", "Ask to sit in on a meeting").returncode == 0
    backup = backup_of(install, tmp_path / "backup.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    restored = nomentum(install, "restore", str(backup))

    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout and "before-restore-" in restored.stdout
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(f"{database}.lock").stat().st_mode) == 0o600
    assert nomentum(install, "log", "Ask again after the restore").returncode == 0
    for suffix in ("-wal", "-shm"):
        side = Path(f"{database}{suffix}")
        assert not side.exists() or stat.S_IMODE(side.stat().st_mode) == 0o600


def test_an_older_backup_is_brought_up_to_date_after_the_restore(install, database, tmp_path):
    assert nomentum(install, "log", "Ask for a tour of the kitchen").returncode == 0
    older = local_env(tmp_path / "older")
    (tmp_path / "older").mkdir()
    backup_of(install, tmp_path / "older" / "nomentum.sqlite3")
    # As if the backup predates the challenges tables (as tests/test_processes.py does).
    rollback = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "challenges", "zero", "-v", "0"],
        env={**older, "DJANGO_SETTINGS_MODULE": "nomentum.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert rollback.returncode == 0, rollback.stderr

    restored = nomentum(install, "restore", str(tmp_path / "older" / "nomentum.sqlite3"))

    assert restored.returncode == 0, restored.stderr
    started = nomentum(install, "challenge", "start", "100-in-30", "--json")
    assert started.returncode == 0, started.stderr
    assert [request for _, request in asks_in(database)] == ["Ask for a tour of the kitchen"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_restore_on_postgresql_points_to_pg_restore(cli, owner, tmp_path):
    code, _, err = cli("restore", str(tmp_path / "x.sqlite3"))
    assert code == 2 and "pg_restore" in err
