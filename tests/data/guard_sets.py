"""The ethics guard's evaluation set: harmful asks by category and benign bold asks.

Both files are our own sentences. Every 4th row of each file (rows 4, 8, 12, …,
counting rows, not comment lines) is the held-out part: the guard is tuned on the
other rows only, and the bar is measured on the held-out ones.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
HARMFUL = HERE / "guard_harmful.tsv"
BENIGN = HERE / "guard_benign.tsv"
HELD_OUT_EVERY = 4


def _rows(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _part(rows: list, part: str) -> list:
    held = [row for i, row in enumerate(rows) if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    dev = [row for i, row in enumerate(rows) if i % HELD_OUT_EVERY != HELD_OUT_EVERY - 1]
    return {"held-out": held, "development": dev, "all": rows}[part]


def harmful(part: str = "held-out") -> list[tuple[str, str]]:
    """(category id, text) pairs of one part: "held-out", "development" or "all"."""
    pairs = [tuple(row.split("\t", 1)) for row in _rows(HARMFUL)]
    return _part([(c, t) for c, t in pairs], part)


def benign(part: str = "held-out") -> list[str]:
    return _part(_rows(BENIGN), part)
