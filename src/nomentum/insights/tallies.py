"""Keeping the roll-ups of ``models.py`` in step with the asks.

Every ask contributes a few counts to a few rows ("one ask of this day and tier, a no,
fear 7"). The ask use cases call ``asks_changed`` after each change, inside their
transaction: each changed ask takes back what it contributed when it was loaded and
adds what it contributes now, so a write costs the same with 10 asks or 100,000. The
increments are single upserts, so two writers of the same user add up rather than
overwrite. ``rebuild`` counts a user's tallies again from the asks (for the migration
that adds them, and as the reference the tests compare with).
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC
from functools import lru_cache

from django.db import connection, transaction

from nomentum.insights.models import AnswerTally, DayTally, MixTally, NoteTally

# What an ask's tallies depend on, in this order (the attribute names of ``Ask``).
FIELDS = (
    "date",
    "tier",
    "outcome",
    "self_rejection",
    "game_changer",
    "fear_before",
    "sting_after",
    "method",
    "category",
    "pitch_id",
    "objections",
    "missing_skill",
    "answered_on",
    "created_at",
)
SETTLED = ("yes", "no", "no_response", "partial")
REPLIED = ("yes", "no", "partial")

# Each tally: its model, the columns that name a row, and the columns that count.
KEYS = {
    DayTally: ("date", "tier"),
    MixTally: ("method", "category", "pitch"),
    AnswerTally: ("method", "days"),
    NoteTally: ("kind", "key"),
}
COUNTS = {
    model: tuple(
        f.column
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name != "owner" and f.name not in keys
    )
    for model, keys in KEYS.items()
}

Snapshot = tuple  # the values of FIELDS for one ask
Deltas = dict[tuple, Counter]  # (model, *key) → {column: change}


def snapshot(ask) -> Snapshot:
    return tuple(getattr(ask, name) for name in FIELDS)


@lru_cache(maxsize=64)
def _positions(field_names: tuple[str, ...]) -> tuple[int, ...] | None:
    """Where FIELDS sit among the columns a query loaded (None if some were deferred)."""
    try:
        return tuple(field_names.index(name) for name in FIELDS)
    except ValueError:
        return None


PARTLY_LOADED = ()  # an ask loaded without some of FIELDS: its tallies are not known


def loaded(field_names: Sequence[str], values: Sequence) -> Snapshot:
    """The snapshot of an ask as a query loaded it (see ``Ask.from_db``)."""
    positions = _positions(tuple(field_names))
    return PARTLY_LOADED if positions is None else tuple(values[i] for i in positions)


def contributions(values: Snapshot) -> list[tuple[tuple, dict[str, int]]]:
    """The counts one ask adds: [((model, *key), {column: count})]."""
    (
        day,
        tier,
        outcome,
        self_rejection,
        game_changer,
        fear,
        sting,
        method,
        category,
        pitch,
        objections,
        skill,
        answered_on,
        created_at,
    ) = values
    if self_rejection:
        return [((DayTally, day, tier), {"self_rejections": 1})]
    settled, replied, yes = outcome in SETTLED, outcome in REPLIED, outcome == "yes"
    daily = {"asks": 1, outcome: 1, "game_changers": int(game_changer)}
    if fear is not None:
        daily |= {"fear_n": 1, "fear_sum": fear}
    if sting is not None:
        daily |= {"sting_n": 1, "sting_sum": sting}
    found = [
        ((DayTally, day, tier), daily),
        (
            (MixTally, method, category, pitch or 0),
            {"asks": 1, "settled": int(settled), "replied": int(replied), "yes": int(yes)},
        ),
    ]
    if outcome == "no" and objections:
        found.append(((NoteTally, "objections", json.dumps(objections)), {"n": 1}))
    if skill:
        found.append(((NoteTally, "skill", skill), {"n": 1}))
    # Only answers recorded after the day the ask was logged: an ask logged late with its
    # answer already known says nothing about how long the answer took.
    if replied and answered_on and created_at.astimezone(UTC).date() < answered_on:
        found.append(((AnswerTally, method, (answered_on - day).days), {"n": 1}))
    return found


def add(deltas: Deltas, values: Snapshot | None, sign: int) -> None:
    if values is None:
        return
    if values is PARTLY_LOADED:
        raise ValueError("An ask changed by a use case must be loaded with all its fields.")
    for key, counts in contributions(values):
        row = deltas.setdefault(key, Counter())
        for column, n in counts.items():
            row[column] += sign * n


def lock(*asks) -> None:
    """At the start of a use case's transaction: lock the asks' rows and take what they
    count as stored, so a change another request made since they were loaded is taken
    back rather than this request's stale copy."""
    from nomentum.asks.models import Ask

    stored = dict(
        (row[0], row[1:])
        for row in Ask.objects.select_for_update()
        .filter(pk__in=[a.pk for a in asks])
        .order_by()
        .values_list("pk", *FIELDS)
    )
    for ask in asks:
        ask.tallied = stored.get(ask.pk)


def asks_changed(owner_id: int, asks: Iterable = (), gone: Iterable = ()) -> None:
    """Bring the tallies in step after ``asks`` were saved and ``gone`` deleted: each
    takes back what it counted as loaded (``Ask.tallied``) and adds what it counts now."""
    deltas: Deltas = {}
    for ask in gone:
        add(deltas, ask.tallied, -1)
        ask.tallied = None
    for ask in asks:
        now = snapshot(ask)
        add(deltas, ask.tallied, -1)
        add(deltas, now, +1)
        ask.tallied = now
    apply(owner_id, deltas)


def apply(owner_id: int, deltas: Deltas) -> None:
    """Add the changes, one upsert statement per tally that changed."""
    by_model: dict[type, list] = defaultdict(list)
    for (model, *key), counts in deltas.items():
        if any(counts.values()):
            columns = COUNTS[model]
            by_model[model].append([owner_id, *key, *(counts.get(c, 0) for c in columns)])
    with transaction.atomic(), connection.cursor() as cursor:
        for model, rows in by_model.items():
            cursor.executemany(_upsert_sql(model), rows)


@lru_cache(maxsize=8)
def _upsert_sql(model) -> str:
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    keys = ["owner_id", *(model._meta.get_field(k).column for k in KEYS[model])]
    counts = COUNTS[model]
    columns = ", ".join(q(c) for c in keys + list(counts))
    places = ", ".join(["%s"] * (len(keys) + len(counts)))
    increments = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in counts)
    # Names from the models' own metadata; the values go as parameters.
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({places}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(q(k) for k in keys)}) DO UPDATE SET {increments}"
    )


@transaction.atomic
def rebuild(owner_id: int, ask_model=None) -> None:
    """Count the user's tallies again from every ask (``ask_model``: a migration's)."""
    if ask_model is None:
        from nomentum.asks.models import Ask as ask_model
    for model in KEYS:
        model._default_manager.filter(owner_id=owner_id).delete()
    deltas: Deltas = {}
    rows = ask_model.objects.filter(owner_id=owner_id).order_by().values_list(*FIELDS)
    for values in rows.iterator(chunk_size=5000):
        add(deltas, values, +1)
    apply(owner_id, deltas)
