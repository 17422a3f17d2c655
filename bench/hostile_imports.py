"""Files built to exhaust the importer, and our own largest export, through
`importer.preview` (what the web, the API and the CLI call on an upload): seconds, peak
extra memory, refused or read — next to the bound of issue 12 (10 s, 200 MB).

Builds every file into a temporary folder, then previews each in a fresh Python process
on a throw-away SQLite install, so that one file's memory is not another's; the extra
memory is the process's peak resident size during the call, less its size before it
(the upload itself is already in memory then, as it is on a server).

"read s" is reading the file into rows (unpacking and parsing, where the caps act);
"s" the whole preview, which then checks every row as a form, as logging it by hand would.
Our exports are of 10,000 and of 100,000 asks (the most rows we import); other sizes:
BENCH_LEGIT_ROWS=1000,50000 python bench/hostile_imports.py
"""

import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEGIT_ROWS = [int(n) for n in os.environ.get("BENCH_LEGIT_ROWS", "10000,100000").split(",")]
BOUND_SECONDS, BOUND_MB = 10, 200

os.environ.setdefault("NOMENTUM_DATA_DIR", tempfile.mkdtemp(prefix="nomentum-bench-"))
os.environ.update(NOMENTUM_ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="nomentum.settings")
os.environ.pop("DATABASE_URL", None)
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import django  # noqa: E402

django.setup()

from tests.portability import hostile  # noqa: E402

from nomentum.accounts.models import User  # noqa: E402
from nomentum.portability import importer  # noqa: E402

MB = hostile.MB

FILES = [
    # name, file name, how it is built
    (
        "zip: directory says 1 KB, unpacks to 2 GB",
        "loop.zip",
        lambda: hostile.lying_loop_zip(2048 * MB),
    ),
    ("xlsx: one row of 3,000,000 cells", "wide.xlsx", lambda: hostile.wide_row_xlsx(3_000_000)),
    (
        "xlsx: shared strings unpack to 400 MB",
        "strings.xlsx",
        lambda: hostile.huge_strings_xlsx(400 * MB),
    ),
    ("csv: 10 MB, one cell", "cell.csv", hostile.one_cell_csv),
    ("csv: 10 MB, one column of 2.6 M rows", "lines.csv", hostile.many_lines_csv),
    ("csv: a row of 800,000 fields", "fields.csv", hostile.many_fields_csv),
    ("xlsx: 1,000,000 rows", "rows.xlsx", hostile.many_rows_xlsx),
    ("xlsx: a row at 1,048,576 under a huge stated size", "far.xlsx", hostile.far_row_xlsx),
    (
        "xlsx: 2,000 rows under a stated 16,384 columns",
        "stated.xlsx",
        lambda: hostile.stated_size_xlsx(2_000),
    ),
    ("xlsx: 1,000,000 merged ranges", "merged.xlsx", hostile.merge_flood_xlsx),
    ("xlsx: one 200 MB attribute", "tag.xlsx", hostile.huge_attribute_xlsx),
    ("zip: 100,000 files", "files.zip", hostile.many_members_zip),
    ("loop zip: 10^15 asks on one day", "numbers.zip", hostile.numbers_loop_zip),
]


def our_export(kind: str, rows: int) -> bytes:
    """Our own export of ``rows`` asks, as people fill them in: most fields short or
    empty, a code per ask."""
    from django.core.management import call_command

    from nomentum.asks.models import Ask, Outcome
    from nomentum.portability import export

    call_command("migrate", verbosity=0)
    writer, _ = User.objects.get_or_create(username=f"writer{rows}")
    if not Ask.objects.filter(owner=writer).exists():
        start = date(2024, 1, 1)
        Ask.objects.bulk_create(
            (
                Ask(
                    owner=writer,
                    request=f"Ask for a discount at shop number {i}",
                    date=start + timedelta(days=i % 900),
                    outcome=Outcome.values[i % len(Outcome.values)],
                    method="email",
                    tier="stretch",
                    fear_before=i % 11,
                    notes="Friendly; try again in spring." if i % 5 == 0 else "",
                )
                for i in range(rows)
            ),
            batch_size=5000,
        )
    return export.asks_csv(writer) if kind == "csv" else export.asks_xlsx(writer)


def preview_one(path: str, name: str) -> None:
    """In the child: preview one file, print what it cost as JSON."""
    content = Path(path).read_bytes()
    user, _ = User.objects.get_or_create(username="bench")
    _reset_peak()
    before = _rss_mb()
    started = time.perf_counter()
    try:
        result = importer.preview(user, content, name)
        outcome = f"read: {len(result.rows):,} rows, {len(result.problems):,} with problems"
    except importer.ImportFileError as exc:
        outcome = f"refused: {exc}"
    seconds = time.perf_counter() - started
    mb = _peak_mb() - before
    started = time.perf_counter()  # then the reading alone, timed (its memory is in mb)
    with contextlib.suppress(importer.ImportFileError):
        importer.read_table(content, name)
    read = time.perf_counter() - started
    cost = {"read": read, "seconds": seconds, "mb": mb, "outcome": outcome}
    print(json.dumps(cost))


def _reset_peak() -> None:
    with contextlib.suppress(OSError):  # Linux: the high-water mark of memory starts afresh
        Path("/proc/self/clear_refs").write_text("5")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    User.objects.get_or_create(username="bench")
    folder = Path(tempfile.mkdtemp(prefix="nomentum-hostile-"))
    files = [*FILES]
    for rows in LEGIT_ROWS:
        for kind in ("xlsx", "csv"):
            content = our_export(kind, rows)
            title = f"ours: export of {rows:,} asks ({kind})"
            files.append((title, f"ours.{kind}", lambda content=content: content))
    print(f"bound: refused or read within {BOUND_SECONDS} s and {BOUND_MB} MB of extra memory")
    print(f"{'file':<50} {'MB':>6} {'read s':>7} {'s':>7} {'+MB':>7}  within  outcome")
    for title, name, build in files:
        content = build()
        path = folder / name
        path.write_bytes(content)
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(path), name],
            capture_output=True,
            text=True,
            env=os.environ,
            check=False,
        )
        path.unlink()
        if child.returncode != 0:
            print(f"{title:<50} {len(content) / MB:6.2f}  failed: {child.stderr.strip()[-300:]}")
            continue
        got = json.loads(child.stdout.strip().splitlines()[-1])
        within = got["seconds"] <= BOUND_SECONDS and got["mb"] <= BOUND_MB
        print(
            f"{title:<50} {len(content) / MB:6.2f} {got['read']:7.2f} {got['seconds']:7.2f} "
            f"{got['mb']:7.1f}  "
            f"{'yes' if within else 'NO':<6}  {got['outcome'][:90]}",
            flush=True,
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        preview_one(sys.argv[2], sys.argv[3])
    else:
        main()
