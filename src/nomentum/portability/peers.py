"""Exports of other trackers, turned into our seven-column table so the importer reads
them like any spreadsheet (same checks, same preview, same all-or-nothing).

- JobSync's job export (a CSV with index, createdAt, applied, appliedDate, Company,
  JobTitle, jobType, Location, JobSource, Status): every job you applied to is an ask
  to that company; Rejected counts as a no, an offer as a yes, an interview as a
  partial yes; drafts you never sent are left out.
- Loop Habit Tracker's CSV export (a zip with Habits.csv and one "NNN Name/Checkmarks.csv"
  per habit, or one such Checkmarks.csv alone): each day you ticked a yes/no habit is
  one ask, a number habit gives as many asks as the number; a habit whose name speaks
  of rejection or no's makes them no's, any other leaves the answer open.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from nomentum.portability import limits

# Our column titles, which the importer's header matching knows.
COLUMNS = ["Date", "Request", "Person/Company", "Method", "Response", "Category", "Notes"]

MAX_MEMBERS = limits.MAX_MEMBERS
MAX_UNPACKED = 20 * limits.MB  # all the CSV files of a Loop zip, counted as they unpack
TOO_LARGE = "This zip unpacks to more than we import at once (20 MB)."


class PeerFileError(Exception):
    pass


@dataclass
class Table:
    rows: list[list]  # header first
    source: str = ""  # "JobSync", "Loop Habit Tracker", or "" for a plain spreadsheet
    explained: dict[str, str] = field(default_factory=dict)  # our column -> where from


JOBSYNC_EXPLAINED = {
    "Date": "appliedDate (createdAt when there is none)",
    "Request": "“Apply for” and the JobTitle",
    "Person/Company": "Company",
    "Method": "always “application”",
    "Response": "Status: Rejected → no, Offer → yes, Interview → partial, Expired → no response",
    "Category": "always “job”",
    "Notes": "Location, JobSource, jobType and Status",
}
LOOP_EXPLAINED = {
    "Date": "the day you ticked the habit",
    "Request": "the habit's name (numbered when a day counts several)",
    "Response": "no for a habit about rejections, else pending",
    "Notes": "that day's note",
}


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").casefold())


# JobSync -----------------------------------------------------------------------

JOBSYNC_HEADER = {
    "index",
    "createdat",
    "applied",
    "applieddate",
    "company",
    "jobtitle",
    "jobtype",
    "location",
    "jobsource",
    "status",
}
JOBSYNC_OUTCOMES = {
    "rejected": "no",
    "offer": "yes",
    "offeraccepted": "yes",
    "offerdeclined": "yes",  # they said yes; the user chose otherwise
    "interview": "partial",
    "applied": "pending",
    "expired": "no response",
    "archived": "no response",
}


def is_jobsync(header: list) -> bool:
    return {_norm(h) for h in header} >= JOBSYNC_HEADER


def from_jobsync(table: list[list]) -> Table:
    header = [_norm(h) for h in table[0]]
    at = {name: header.index(name) for name in JOBSYNC_HEADER}
    rows: list[list] = [COLUMNS]
    for raw in table[1:]:
        job = {name: str(raw[i] or "").strip() if i < len(raw) else "" for name, i in at.items()}
        cell = job.__getitem__
        status = _norm(cell("status"))
        if _norm(cell("applied")) != "yes" or status == "draft":
            continue  # never sent: not an ask
        title, company = _known(cell("jobtitle")), _known(cell("company"))
        day = _known(cell("applieddate")) or _known(cell("createdat"))
        details = [
            f"{label}: {value}"
            for label, value in (
                ("Location", _known(cell("location"))),
                ("Source", _known(cell("jobsource"))),
                ("Type", _known(cell("jobtype"), "Unknown")),
                ("JobSync status", cell("status")),
            )
            if value
        ]
        rows.append(
            [
                day,
                f"Apply for {title}" if title else "Apply for a job",
                f", {company}" if company else "",  # a company, never a person's name
                "application",
                JOBSYNC_OUTCOMES.get(status, "pending"),
                "job",
                "; ".join(details),
            ]
        )
    return Table(rows, "JobSync", JOBSYNC_EXPLAINED)


def _known(value: str, *unknown: str) -> str:
    return "" if value in ("N/A", *unknown) else value


# Loop Habit Tracker ------------------------------------------------------------

LOOP_DONE = {"yesmanual", "2"}  # YES_AUTO (1) means "not due that day", not done
REJECTION_WORDS = re.compile(r"reject|\bnos?\b|\bno's\b|turned down", re.IGNORECASE)
LOOP_DIR = re.compile(r"^\d{3} (.+)/Checkmarks\.csv$")


def is_loop_zip(content: bytes) -> bool:
    try:
        names = limits.open_zip(content).namelist()
    except limits.Refused:
        return False
    return "Habits.csv" in names or any(LOOP_DIR.match(n) for n in names)


def is_loop_checkmarks(header: list) -> bool:
    return [_norm(h) for h in header[:3]] in (["date", "value", "notes"], ["date", "value"])


def from_loop_zip(content: bytes) -> Table:
    """The zip's habits as asks. Only the files we use are unpacked, their bytes counted
    as they come out (a zip's own word on its sizes is not trusted)."""
    try:
        archive = limits.open_zip(content)
    except limits.Refused as exc:
        raise PeerFileError(str(exc)) from None
    budget = [MAX_UNPACKED]

    def unpacked(member: zipfile.ZipInfo) -> list[list]:
        data = limits.read(content, member, budget[0], TOO_LARGE)
        budget[0] -= len(data)
        return _csv(data)

    try:
        habits = _habits(archive, unpacked)
        rows: list[list] = [COLUMNS]
        for member in archive.infolist():
            match = LOOP_DIR.match(member.filename)
            if match is None:
                continue
            name, numeric = habits.get(match.group(1), (match.group(1), False))
            rows += _loop_rows(name, unpacked(member)[1:], numeric)
            if len(rows) > limits.MAX_ROWS + 1:
                raise PeerFileError(limits.ROWS)
    except limits.Damaged:
        raise PeerFileError("This Loop Habit Tracker zip is damaged.") from None
    except limits.Refused as exc:
        raise PeerFileError(str(exc)) from None
    return Table(rows, "Loop Habit Tracker", LOOP_EXPLAINED)


def from_loop_checkmarks(table: list[list], file_name: str) -> Table:
    habit = re.sub(r"\.csv$", "", file_name, flags=re.IGNORECASE).strip() or "Loop habit"
    if _norm(habit) == "checkmarks":
        habit = "Loop habit"
    numeric = any(_norm(r[1]) not in ("", *LOOP_VALUES) for r in table[1:] if len(r) > 1)
    rows = [COLUMNS, *_loop_rows(habit, table[1:], numeric)]
    return Table(rows, "Loop Habit Tracker", LOOP_EXPLAINED)


LOOP_VALUES = {"yesmanual", "yesauto", "no", "skip", "unknown", "0", "1", "2", "3"}


def _habits(
    archive: zipfile.ZipFile, unpacked: Callable[[zipfile.ZipInfo], list[list]]
) -> dict[str, tuple[str, bool]]:
    """Folder name -> the habit's own name and whether it counts a number (from
    Habits.csv, if the zip has it)."""
    try:
        table = unpacked(archive.getinfo("Habits.csv"))
    except KeyError:
        return {}
    header = [_norm(h) for h in table[0]] if table else []
    if "name" not in header or "type" not in header:
        return {}
    name_at, type_at = header.index("name"), header.index("type")
    return {
        _sane(row[name_at]): (row[name_at].strip(), _norm(row[type_at]) == "numerical")
        for row in table[1:]
        if len(row) > max(name_at, type_at)
    }


def _sane(name: str) -> str:
    """The folder name Loop makes of a habit's name."""
    return re.sub(r"[^ a-zA-Z0-9._-]+", "", name)[:100].strip()


def _loop_rows(habit: str, entries: list[list], numeric: bool) -> list[list]:
    outcome = "no" if REJECTION_WORDS.search(habit) else "pending"
    rows: list[list] = []
    for entry in entries:
        if len(entry) < 2:
            continue
        day, value = entry[0].strip(), _norm(entry[1])
        notes = entry[2].strip() if len(entry) > 2 else ""
        if numeric:
            try:
                times = round(float(entry[1]) / 1000)  # Loop keeps numbers × 1000
            except (ValueError, OverflowError):
                continue
        else:
            times = 1 if value in LOOP_DONE else 0
        if len(rows) + times > limits.MAX_ROWS:
            raise PeerFileError(limits.ROWS)
        for n in range(1, times + 1):
            request = habit if times == 1 else f"{habit} ({n} of {times})"
            rows.append([day, request, "", "", outcome, "", notes])
    return rows


def _csv(data: bytes) -> list[list]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"))))
