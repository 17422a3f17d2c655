"""The one shape of an import's result, for the API and ``nomentum import --json``."""

from datetime import date

from ninja import Schema


class ImportProblem(Schema):
    row: int  # as the spreadsheet program numbers it
    problems: list[str]


class ImportFlag(Schema):
    row: int
    reason: str  # what the ethics check says of its request (import with "anyway")


class ImportReask(Schema):
    row: int
    after_no_on: date  # the same person (or company) said no that day


class ImportOut(Schema):
    mapping: dict[str, str]  # our field -> the file's column
    ignored: list[str]
    source: str | None  # "JobSync" or "Loop Habit Tracker" for their exports
    new: int
    duplicates: int
    imported: int
    problems: list[ImportProblem]
    flagged: list[ImportFlag]
    reasks: list[ImportReask]  # history: imported, and shown

    @staticmethod
    def of(result, imported: bool) -> "ImportOut":
        return ImportOut(
            mapping=result.mapping,
            ignored=result.ignored,
            source=result.source or None,
            new=len(result.new),
            duplicates=result.duplicates,
            imported=len(result.new) if imported and not result.problems else 0,
            problems=[ImportProblem(row=r.number, problems=r.problems) for r in result.problems],
            flagged=[ImportFlag(row=r.number, reason=r.flags[0]) for r in result.flagged],
            reasks=[ImportReask(row=r.number, after_no_on=r.reask) for r in result.reasks],
        )


class RestoreOut(Schema):
    file: str  # the backup put in place
    database: str
    kept_aside: str | None  # where the database it replaced was kept
    asks: int  # in the restored database
