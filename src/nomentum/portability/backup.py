"""A consistent copy of the SQLite database while the app keeps writing."""

import sqlite3
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def backup_sqlite(target: Path) -> int:
    """Copy the live database to ``target`` with SQLite's online backup API; returns
    its size in bytes. WAL readers and writers carry on while it runs."""
    if connection.vendor != "sqlite":
        raise BackupError(
            "this server uses PostgreSQL: back it up with pg_dump, e.g. "
            "`pg_dump --format=custom --file nomentum.dump DBNAME`, and restore with pg_restore"
        )
    source_path = str(connection.settings_dict["NAME"])
    if target.resolve() == Path(source_path).resolve():
        raise BackupError("the backup file cannot be the database itself")
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    source = sqlite3.connect(source_path, timeout=20)
    copy = sqlite3.connect(str(target))
    try:
        with copy:
            source.backup(copy, pages=1024)
    finally:
        copy.close()
        source.close()
    return target.stat().st_size
