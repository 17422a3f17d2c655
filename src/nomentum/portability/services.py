"""The use cases of moving data in and out: import a spreadsheet, export everything,
back up and restore the database. The engines are ``importer``, ``export`` and ``backup``."""

from pathlib import Path

from nomentum.accounts.models import User
from nomentum.asks.models import Ask
from nomentum.errors import Invalid
from nomentum.portability import backup as backups
from nomentum.portability import importer
from nomentum.portability.export import CONFIRMED, FORMATS, attachment, export
from nomentum.portability.schemas import ImportOut, RestoreOut

__all__ = ["CONFIRMED", "FORMATS", "attachment", "backup", "export", "import_file", "restore"]


def import_file(
    user: User, content: bytes, name: str, dry_run: bool = False, override: bool = False
) -> ImportOut:
    """Check (dry run) or import a spreadsheet: every new row, or none. Rows with
    problems make it ``Invalid``, with the whole report in ``extra``."""
    try:
        if dry_run:
            result = importer.preview(user, content, name)
        else:
            result = importer.run(user, content, name, override=override)
    except importer.ImportFileError as exc:
        raise Invalid({"file": [str(exc)]}) from None
    report = ImportOut.of(result, imported=not dry_run)
    if result.problems:
        raise Invalid({"file": [importer.summary(result)]}, extra=report.model_dump(mode="json"))
    return report


def backup(target: Path) -> int:
    """A consistent copy of the SQLite database while the app writes; its size."""
    try:
        return backups.backup_sqlite(target)
    except backups.BackupError as exc:
        raise Invalid({"file": [str(exc)]}) from None


def restore(source: Path) -> RestoreOut:
    """Put a backup in place of the database (see ``backup.restore_sqlite``): what was
    restored, where the replaced database was kept, and how many asks it holds now."""
    try:
        done = backups.restore_sqlite(source)
    except backups.BackupError as exc:
        raise Invalid({"file": [str(exc)]}) from None
    return RestoreOut(
        file=str(source),
        database=str(done.database),
        kept_aside=str(done.kept_aside) if done.kept_aside else None,
        asks=Ask.objects.count(),
    )
