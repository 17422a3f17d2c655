"""Import the tracking spreadsheet people keep (CSV or XLSX).

Headers are matched loosely (case, spaces, common synonyms), dates and responses in the
usual shapes. ``preview`` reads and checks every row without writing; ``run`` imports
all rows or none, skipping rows already in the log (importing a file twice adds nothing).
Every row goes through the same validation and ethics guard as an ask logged by hand.
"""

import csv
import io
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks import services
from nomentum.asks.access import asks_for_user
from nomentum.asks.forms import AskForm
from nomentum.portability import limits, peers
from nomentum.portability.cells import restore
from nomentum.portability.models import PendingImport
from nomentum.portability.spellings import (
    DATE_FORMATS,
    FIELD_LABELS,
    HEADERS,
    METHODS,
    OUTCOMES,
)

MAX_BYTES = limits.MAX_BYTES
MAX_ROWS = limits.MAX_ROWS
PREVIEW_KEPT = timedelta(hours=1)  # an upload waits this long for its import to be confirmed


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, for a person."""


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").casefold())


_LOOKUP_OUTCOME = {spelling: key for key, spellings in OUTCOMES.items() for spelling in spellings}
_LOOKUP_METHOD = {spelling: key for key, spellings in METHODS.items() for spelling in spellings}


@dataclass
class Row:
    number: int  # as a spreadsheet program shows it (the header is row 1)
    data: dict
    problems: list[str] = field(default_factory=list)
    duplicate: bool = False
    flags: list[str] = field(default_factory=list)  # what the text rules say of the request
    reask: date | None = None  # the day of an earlier no from the same person or company


@dataclass
class Preview:
    mapping: dict[str, str]  # our field -> the file's header
    ignored: list[str]
    rows: list[Row]
    source: str = ""  # the tracker the file was exported from, if not a plain sheet

    @property
    def labelled_mapping(self) -> list[tuple[str, str]]:
        return [(FIELD_LABELS.get(f, f), header) for f, header in self.mapping.items()]

    @property
    def problems(self) -> list[Row]:
        return [r for r in self.rows if r.problems]

    @property
    def new(self) -> list[Row]:
        return [r for r in self.rows if not r.problems and not r.duplicate]

    @property
    def duplicates(self) -> int:
        return sum(r.duplicate for r in self.rows)

    @property
    def flagged(self) -> list[Row]:
        """New rows the text rules object to: the import needs "log them anyway"."""
        return [r for r in self.new if r.flags]

    @property
    def reasks(self) -> list[Row]:
        """New rows that asked someone again after their no: history, shown, not refused."""
        return [r for r in self.new if r.reask]


def read_table(content: bytes, name: str = "") -> peers.Table:
    """The file as rows (header first), with other trackers' exports translated."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(limits.TOO_BIG)
    if content[:4] == b"PK\x03\x04" and peers.is_loop_zip(content):
        try:
            return peers.from_loop_zip(content)
        except peers.PeerFileError as exc:
            raise ImportFileError(str(exc)) from None
        except (csv.Error, KeyError, ValueError):
            raise ImportFileError("This Loop Habit Tracker zip is damaged.") from None
    try:
        if content[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
            rows = _read_xlsx(content)
        else:
            rows = _read_csv(content)
    except limits.Refused as exc:
        raise ImportFileError(str(exc)) from None
    header = next((r for r in rows if any(str(c or "").strip() for c in r)), [])
    if peers.is_jobsync(header):
        return peers.from_jobsync([header, *rows[rows.index(header) + 1 :]])
    if peers.is_loop_checkmarks(header):
        try:
            return peers.from_loop_checkmarks(rows, name)
        except peers.PeerFileError as exc:
            raise ImportFileError(str(exc)) from None
    return peers.Table(rows)


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        limits.check_xlsx(content)  # what is built to cost too much stops here
    except limits.Damaged:
        raise ImportFileError(limits.NOT_XLSX) from None
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True, keep_links=False)
        sheet = book.worksheets[0]
        # The size a sheet states is not trusted (openpyxl would pad every row to it): its
        # rows come as they are written, each as wide as its last cell.
        sheet.reset_dimensions()
        table = []
        text = 0
        for row in sheet.iter_rows(values_only=True):
            table.append(list(row))
            if len(table) > MAX_ROWS + 1:
                raise ImportFileError(limits.ROWS)
            lengths = [len(value) for value in row if isinstance(value, str)]
            if lengths and max(lengths) > limits.MAX_CELL_TEXT:
                raise ImportFileError(_too_long(f"Row {len(table):,}"))
            text += sum(lengths)
            if text > limits.TEXT_ALL:
                raise ImportFileError(limits.TEXT)
        return table
    except ImportFileError:
        raise
    except Exception:  # any broken or hostile XLSX gets the same answer
        raise ImportFileError(limits.NOT_XLSX) from None


def _read_csv(content: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(
            "This file isn't UTF-8 text. In your spreadsheet program choose “CSV UTF-8” "
            "when saving."
        )
    if "\x00" in text:
        raise ImportFileError("This doesn't look like a CSV file (it contains binary data).")
    # The header line tells the delimiter: comma, semicolon (European spreadsheets) or tab;
    # a title line may stand above it, so the first few lines are read.
    lines = list(islice(_lines(text), HEADER_SEARCH)) or [""]
    delimiter = max((",", ";", "\t"), key=lambda d: max(line.count(d) for line in lines))
    table: list[list] = []
    reader = csv.reader(_bounded_lines(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:  # a field longer than the csv module reads: an unclosed quote
            raise ImportFileError(_too_long(f"Line {reader.line_num:,}")) from None
        table.append(row)
        if len(table) > MAX_ROWS + 1:
            raise ImportFileError(limits.ROWS)
        if len(row) > limits.MAX_COLUMNS:
            raise ImportFileError(
                f"This file has a row with more than {limits.MAX_COLUMNS} columns (row "
                f"{len(table):,}); delete the columns you don't log and choose the file again."
            )
        if any(len(cell) > limits.MAX_CELL_TEXT for cell in row):
            raise ImportFileError(_too_long(f"Row {len(table):,}"))
    return table


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> Iterator[str]:
    # One by one, each with its ending (a lone \r too, as old Mac spreadsheets end them),
    # as the csv reader takes them; never all of them at once.
    for line in _LINE.finditer(text):
        yield line.group()


def _bounded_lines(text: str) -> Iterator[str]:
    """The text's lines for the csv reader, refusing one longer than a whole row we read
    can be, before the reader splits it into fields (each a string held in memory)."""
    for number, line in enumerate(_lines(text), start=1):
        if len(line) > limits.MAX_COLUMNS * (limits.MAX_CELL_TEXT + 3):
            raise ImportFileError(_too_long(f"Line {number:,}"))
        yield line


def _too_long(where: str) -> str:
    return (
        f"{where} of this file has a cell of more than {limits.MAX_CELL_TEXT:,} characters "
        "(or a quote that never closes); shorten it and choose the file again."
    )


HEADER_SEARCH = 10  # title rows above the header that a sheet may have


def find_header(table: list[list]) -> int:
    """The index of the header row: the first of the top rows that names a request
    column (a sheet may start with a title, a note or blank rows)."""
    for index, row in enumerate(table[:HEADER_SEARCH]):
        if any(_norm(c) in HEADERS["request"] for c in row):
            return index
    return next((i for i, r in enumerate(table) if any(str(c or "").strip() for c in r)), 0)


def map_headers(header: list) -> tuple[dict[str, int], list[str]]:
    mapping: dict[str, int] = {}
    ignored = []
    for index, title in enumerate(header):
        key = _norm(title)
        target = next((f for f, spellings in HEADERS.items() if key in spellings), None)
        if target and target not in mapping:
            mapping[target] = index
        elif str(title or "").strip():
            ignored.append(str(title).strip())
    if "request" not in mapping:
        raise ImportFileError(
            "No column for the request. Name one of the columns “Request” (or “Ask”)."
        )
    return mapping, ignored


def parse_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    try:  # 2026-11-22, 2026-11-22 14:30, 2026-11-22T14:30:00
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"Date “{text}” is not a date we can read (try 2026-11-22).")


def read_outcome(value: object) -> str | None:
    """The outcome a response cell means: "Nope", "declined 😢", "No - budget", "Yes!!"."""
    found = _LOOKUP_OUTCOME.get(_norm(value))
    if found is None:
        words = re.findall(r"[^\W\d_]+", str(value or "").casefold())
        found = _LOOKUP_OUTCOME.get(words[0]) if words else None
    return found


def _cell(row: list, index: int | None) -> object:
    if index is None or index >= len(row):
        return ""
    value = row[index]
    return "" if value is None else value


def _row_data(row: list, mapping: dict[str, int]) -> tuple[dict, list[str]]:
    data: dict = {}
    problems: list[str] = []
    for field_name, index in mapping.items():
        value = _cell(row, index)
        if field_name == "date":
            try:
                day = parse_date(value)
                data["date"] = day.isoformat() if day else ""
            except ValueError as exc:
                problems.append(str(exc))
        elif field_name == "outcome":
            outcome = read_outcome(value)
            if outcome is None:
                problems.append(
                    f"Response “{value}” is not one we understand "
                    "(yes, no, no response, partial or blank)."
                )
            else:
                data["outcome"] = outcome
        elif field_name == "method":
            data["method"] = _LOOKUP_METHOD.get(_norm(value), "other" if value else "")
        elif field_name in ("game_changer", "self_rejection"):
            if _norm(value) in ("yes", "y", "true", "1", "x"):
                data[field_name] = "on"
        elif field_name == "invited_after":
            try:
                day = parse_date(value)
                data["invited_after"] = day.isoformat() if day else ""
            except ValueError as exc:
                problems.append(str(exc))
        else:
            text = str(value).strip()
            # Our export writes formula-like text as '=…; take the guard quote off again.
            data[field_name] = restore(text)
    return data, problems


def preview(user: User, content: bytes, name: str = "") -> Preview:
    read = read_table(content, name)
    if not any(any(str(c or "").strip() for c in r) for r in read.rows):
        raise ImportFileError("The file is empty.")
    at = find_header(read.rows)
    header = read.rows[at]
    mapping, ignored = map_headers(header)
    seen = set(asks_for_user(user).values_list("date", "request").order_by())
    keys_in_file: set = set()
    rows = []
    # Numbered as a spreadsheet program numbers them (the first row is 1), blanks skipped.
    for number, raw in enumerate(read.rows[at + 1 :], start=at + 2):
        if not any(str(c or "").strip() for c in raw):
            continue
        data, problems = _row_data(raw, mapping)
        form = AskForm(data)
        if not form.is_valid():
            problems += [
                f"{form.fields[f].label if f in form.fields else f}: {e}"
                for f, errors in form.errors.items()
                for e in errors
            ]
        row = Row(number, form.cleaned_data if not problems else data, problems)
        if not problems:
            key = (row.data["date"], row.data["request"])
            row.duplicate = key in seen or key in keys_in_file
            keys_in_file.add(key)
        rows.append(row)
    _mark(user, [r for r in rows if not r.problems and not r.duplicate])
    columns = {f: str(header[i]) for f, i in mapping.items()}
    if read.explained:  # another tracker's export: say where each field came from
        columns = {f: read.explained[c] for f, c in columns.items() if c in read.explained}
    return Preview(columns, ignored, rows, read.source)


def _mark(user: User, rows: list[Row]) -> None:
    """What the preview shows beside the new rows: the text rules' flags, and asks made
    again after a no from the same person (or company) — in the log or earlier in the
    file. Importing is history: neither stops a row, but the flags need "anyway"."""
    from nomentum.asks.guard import check_text
    from nomentum.asks.models import Contact, Outcome
    from nomentum.asks.names import parse_to

    said_no: dict[str, date] = {}
    past = asks_for_user(user).filter(outcome=Outcome.NO).order_by("date")
    for person, company, day in past.values_list("person__key", "company__key", "date"):
        key = f"p:{person}" if person else f"c:{company}"
        said_no.setdefault(key, day)
    for row in sorted(rows, key=lambda r: (r.data["date"] or date.min, r.number)):
        verdict = check_text(row.data["request"])
        row.flags = [] if verdict.allowed else verdict.reasons[:1]
        person, company = parse_to(row.data.get("to") or "")
        if not (person or company):
            continue
        key = f"p:{Contact.key_for(person)}" if person else f"c:{Contact.key_for(company)}"
        day = row.data["date"] or date.max
        earlier = said_no.get(key)
        if earlier is not None and earlier < day:
            row.reask = earlier
        if row.data.get("outcome") == Outcome.NO:
            said_no[key] = min(said_no.get(key, day), day)


def run(user: User, content: bytes, name: str = "", override: bool = False) -> Preview:
    """Import every new row, or none: a row the guard refuses fails the whole file."""
    result = preview(user, content, name)
    if result.problems:
        return result
    imported = []
    try:
        with transaction.atomic():
            for row in sorted(result.new, key=lambda r: (r.data["date"] or date.min, r.number)):
                try:
                    saved = services.log_ask(
                        user, {**row.data, "override": override}, history=True, batch=True
                    )
                except services.AskRefused as refusal:
                    row.problems.append(refusal.verdict.message())
                    raise
                imported.append(saved.ask)
            # Once for the whole file: the tallies, the weeks it touched, and shares.
            services.asks_changed(user.pk, imported)
    except services.AskRefused:
        return result
    return result


def summary(result: Preview) -> str:
    if result.problems:
        first = result.problems[0]
        return (
            f"{len(result.problems)} row(s) have problems, nothing imported; "
            f"row {first.number}: {first.problems[0]}"
        )
    return f"{len(result.new)} new asks, {result.duplicates} already in your log."


# Between the preview and the import ---------------------------------------------------
# The uploaded file waits in the database, so the confirmation works whichever server
# process answers it; it is gone once imported or cancelled, and after PREVIEW_KEPT.


def keep_for_confirmation(user: User, content: bytes, name: str, anyway: bool) -> str:
    """Keep an upload that was previewed until its import is confirmed; its token."""
    token = secrets.token_urlsafe(16)
    PendingImport.objects.create(
        owner=user, token=token, name=name[:200], content=content, anyway=anyway
    )
    return token


def take_pending(user: User, token: str) -> PendingImport | None:
    """The user's upload waiting under this token, removed so that it is imported once
    (of two confirmations at the same time, one gets it); None if there is none, it is
    older than PREVIEW_KEPT, or it is someone else's."""
    found = _pending_for(user).filter(token=token).first()
    if found is None or PendingImport.objects.filter(pk=found.pk).delete()[0] == 0:
        return None
    return found


def cancel_pending(user: User, token: str) -> None:
    PendingImport.objects.filter(owner=user, token=token).delete()


def purge_stale_previews() -> int:
    """Delete every upload waiting for a confirmation longer than PREVIEW_KEPT (and any
    left in the data folder by versions that kept them there); how many."""
    deleted, _ = PendingImport.objects.filter(created_at__lt=timezone.now() - PREVIEW_KEPT).delete()
    folder = Path(settings.DATA_DIR) / "imports"
    for leftover in folder.glob("*.upload") if folder.is_dir() else ():
        leftover.unlink(missing_ok=True)
        deleted += 1
    return deleted


def _pending_for(user: User) -> QuerySet[PendingImport]:
    return PendingImport.objects.filter(owner=user, created_at__gte=timezone.now() - PREVIEW_KEPT)
