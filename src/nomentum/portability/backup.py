"""The SQLite database file kept safe: a consistent copy while the app keeps writing, a
restore that cannot bring back stale rows, and the lock by which a running server keeps
a restore away."""

import fcntl
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

# What SQLite keeps beside a database and replays into whatever file then has its name:
# after a crash a -wal (or a rollback -journal) holds writes the main file lacks.
SIDE_FILES = ("-wal", "-shm", "-journal")
# How long `serve` waits for the lock: the workers of a killed server finish their
# requests (up to gunicorn's graceful_timeout) before they let go of the database.
SERVE_WAIT = 15.0


class BackupError(Exception):
    pass


class DatabaseBusy(BackupError):
    pass


@dataclass(frozen=True)
class Restored:
    database: Path
    kept_aside: Path | None  # the database the backup replaced, with its side files


def sqlite_path() -> Path | None:
    """The database file, or None on PostgreSQL."""
    if connection.vendor != "sqlite":
        return None
    return Path(connection.settings_dict["NAME"])


def backup_sqlite(target: Path) -> int:
    """Copy the live database to ``target`` (created 0600) with SQLite's online backup
    API; returns its size in bytes. WAL readers and writers carry on while it runs."""
    source_path = sqlite_path()
    if source_path is None:
        raise BackupError(
            "this server uses PostgreSQL: back it up with pg_dump, e.g. `pg_dump "
            "--format=custom --file nomentum.dump DBNAME`, and restore with pg_restore"
        )
    if target.resolve() == source_path.resolve():
        raise BackupError("the backup file cannot be the database itself")
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{target} already exists; choose a new file name") from None
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with (
            closing(sqlite3.connect(source_path, timeout=20)) as source,
            closing(sqlite3.connect(target)) as copy,
            copy,
        ):
            source.backup(copy, pages=1024)
    except BaseException:
        _remove(target)
        raise
    return target.stat().st_size


def lock_database(
    database: Path, wait: float = 0.0, waiting: Callable[[], None] | None = None
) -> int:
    """Take the lock a server holds for its life and a restore while it runs: an
    exclusive flock on ``<database>.lock``; returns its descriptor (closing it lets go).
    Gunicorn's workers inherit it, so it is held until the last process of a server has
    gone; the OS drops it however they end, kill -9 included. ``DatabaseBusy`` if it is
    still held after ``wait`` seconds (``waiting`` is called once, when waiting starts)."""
    fd = os.open(f"{database}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise DatabaseBusy(
                    f"a server is using {database} (`nomentum serve` holds {database}.lock): "
                    "stop it first"
                ) from None
            if waiting is not None:
                waiting()
                waiting = None
            time.sleep(0.1)


def restore_sqlite(source: Path) -> Restored:
    """Put the backup ``source`` in place of the database: refused while a server holds
    it, or if ``source`` is not a whole Nomentum database this code can migrate. The
    current database and its side files are kept aside, and no stale -wal, -shm or
    -journal stays beside the restored file (SQLite would replay it into the backup)."""
    database = sqlite_path()
    if database is None:
        raise BackupError(
            "this server uses PostgreSQL: restore a pg_dump file with pg_restore, e.g. "
            "`pg_restore --clean --if-exists --dbname DBNAME nomentum.dump`"
        )
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    if source.resolve() == database.resolve():
        raise BackupError("the backup file cannot be the database itself")
    for suffix in ("-wal", "-journal"):
        side = Path(f"{source}{suffix}")
        if side.exists() and side.stat().st_size > 0:
            raise BackupError(
                f"{source} has a {side.name} beside it, so it is a database in use or cut "
                "short, not a backup: make one with `nomentum backup`"
            )
    connections.close_all()  # this process's own connection must not span the swap
    lock = lock_database(database)
    try:
        staged = _stage(source, database)
        try:
            kept = _set_aside(database)
            os.replace(staged, database)
        except BaseException:
            _remove(staged)
            raise
        _sync_directory(database.parent)
        problem = _integrity(database)
        if problem:
            where = f"; the previous one is kept at {kept}" if kept else ""
            raise BackupError(f"the restored database fails its check ({problem}){where}")
        call_command("migrate", interactive=False, verbosity=0)
        connections.close_all()
    finally:
        os.close(lock)
    return Restored(database, kept)


def _stage(source: Path, database: Path) -> Path:
    """A checked copy of ``source`` in the database's directory (so that ``os.replace``
    is atomic), created 0600 and on disk. Checking the copy, not ``source``, checks the
    very bytes that go in place and leaves ``source`` untouched."""
    fd, name = tempfile.mkstemp(dir=database.parent, prefix=f".{database.name}.restore-")
    staged = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with source.open("rb") as given:
                    shutil.copyfileobj(given, out, 1 << 20)
            except OSError as exc:
                raise BackupError(f"cannot read {source}: {exc.strerror}") from None
            out.flush()
            os.fsync(out.fileno())
        _verify(staged, source)
    except BaseException:
        _remove(staged)
        raise
    for suffix in SIDE_FILES:  # none is left once its last connection closed; be sure
        Path(f"{staged}{suffix}").unlink(missing_ok=True)
    return staged


def _verify(copy: Path, source: Path) -> None:
    try:
        problem = _integrity(copy)
        if problem:
            raise BackupError(f"{source} is damaged (integrity_check: {problem})")
        with closing(sqlite3.connect(copy)) as db:
            has_table = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
            applied = (
                set(db.execute("SELECT app, name FROM django_migrations")) if has_table else set()
            )
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} cannot be read as a SQLite database ({exc})") from None
    except UnicodeDecodeError:  # SQLite's message quotes the damaged bytes
        raise BackupError(f"{source} cannot be read as a SQLite database (damaged)") from None
    if not any(app == "accounts" for app, _ in applied):
        raise BackupError(f"{source} is not a Nomentum backup (no Nomentum tables in it)")
    unknown = sorted(applied - _known_migrations())
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:3])
        more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
        raise BackupError(
            f"{source} comes from a newer Nomentum (migrations this install does not know: "
            f"{names}{more}): upgrade Nomentum, then restore"
        )


def _known_migrations() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or ())  # a squashed migration stands for these
    return known


def _integrity(path: Path) -> str:
    """'' if ``PRAGMA integrity_check`` finds nothing wrong, else its first finding."""
    with closing(sqlite3.connect(path)) as db:
        found = [
            line for (row,) in db.execute("PRAGMA integrity_check") for line in row.splitlines()
        ]
    if found == ["ok"]:
        return ""
    findings = [line for line in found if not line.startswith("***")] or ["no answer"]
    more = f" and {len(findings) - 1} more" if len(findings) > 1 else ""
    return f"{findings[0]}{more}"


def _set_aside(database: Path) -> Path | None:
    """Rename the database and its side files to ``<name>.before-restore-<time>``. The
    side files go first: a -wal beside a missing database would be replayed into the
    next file of that name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}.before-restore-{stamp}")
    n = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", *SIDE_FILES)):
        n += 1
        aside = database.with_name(f"{database.name}.before-restore-{stamp}-{n}")
    exists = database.exists()
    for suffix in SIDE_FILES:
        side = Path(f"{database}{suffix}")
        if side.exists():
            if exists:
                os.rename(side, f"{aside}{suffix}")
            else:
                side.unlink()  # stale: it belongs to no database
    if not exists:
        return None
    os.rename(database, aside)
    return aside


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    """Remove a file this module made, and any side files SQLite made beside it."""
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
