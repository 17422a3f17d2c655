"""A group of 10,000 members with 1,000,000 asks between them (issue: groups at scale).

Fills a throw-away database with bulk inserts (SQLite, or PostgreSQL when DATABASE_URL
names one), then:
- prints the query plan of the board's queries and fails if any of them reads the asks
  table (the board is served from the maintained counters);
- renders the group page with its board (first and a late page, by no's and by progress),
  the board through the API and the weekly digest, and prints each one's time and query
  count as a ratio to a trivial view;
- logs one more ask for a member and prints what keeping the counters costs it.

Smaller runs: BENCH_MEMBERS=1000 BENCH_ASKS=100000 python bench/group_board.py
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "10000"))
ASKS = int(os.environ.get("BENCH_ASKS", "1000000"))

os.environ.update(
    NOMENTUM_DATA_DIR=tempfile.mkdtemp(prefix="nomentum-bench-"),
    NOMENTUM_ALLOWED_HOSTS="testserver",
    DJANGO_SETTINGS_MODULE="nomentum.settings",
)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from nomentum.accounts.models import User  # noqa: E402
from nomentum.accounts.services import create_token  # noqa: E402
from nomentum.asks import services as asks  # noqa: E402
from nomentum.asks.models import Ask, Outcome  # noqa: E402
from nomentum.groups import board as reading  # noqa: E402
from nomentum.groups.models import Group, GroupWeek, Membership  # noqa: E402

START = date(2026, 11, 1)
END = date(2026, 11, 30)


def fill(rng: random.Random) -> Group:
    group = Group.objects.create(name="November of NO", start=START, end=END)
    users = User.objects.bulk_create(
        User(username=f"member{i:05}", password="!", display_name=f"Member {i}")  # noqa: S106 (unusable)
        for i in range(MEMBERS)
    )
    per_member = [0] * MEMBERS
    batch: list[Ask] = []
    for i in range(ASKS):
        who = rng.randrange(MEMBERS)
        per_member[who] += 1
        batch.append(
            Ask(
                owner=users[who],
                request=f"Bold ask {i}",
                date=START + timedelta(days=rng.randrange(30)),
                outcome=rng.choice(Outcome.values),
            )
        )
        if len(batch) == 10_000:
            Ask.objects.bulk_create(batch)
            batch = []
    Ask.objects.bulk_create(batch)
    # The counters as the signals keep them (bulk inserts send no signals): from one
    # aggregate per member and week, as counters.py computes them.
    memberships = Membership.objects.bulk_create(
        Membership(
            group=group,
            user=user,
            role="organiser" if i == 0 else "member",
            on_board=i % 4 != 0,  # three in four show their counts
            weekly_goal=3,
            target=12,
        )
        for i, user in enumerate(users)
    )
    from nomentum.groups import counters

    started = time.perf_counter()
    for m in memberships[:200]:  # a sample through the real code, for its cost per member
        counters.recount_all(m)
    per_member_seconds = (time.perf_counter() - started) / 200
    _fast_counters(group)
    _events(group)
    print(
        f"filled {MEMBERS:,} members and {ASKS:,} asks; counting one member's period "
        f"from scratch takes {per_member_seconds * 1000:.1f} ms"
    )
    return group


def _fast_counters(group: Group) -> None:
    """All members' weeks at once with SQL (the same numbers the counters keep)."""
    from django.db.models import Count, Q

    rows = (
        Ask.objects.filter(date__gte=group.start, date__lte=group.end, self_rejection=False)
        .values("owner_id", "date")
        .annotate(
            attempts=Count("id"),
            nos=Count("id", filter=Q(outcome="no")),
            yeses=Count("id", filter=Q(outcome="yes")),
        )
    )
    by_member: dict[tuple[int, int], list[int]] = {}
    for row in rows.iterator(chunk_size=20_000):
        week = group.week_of(row["date"])
        counts = by_member.setdefault((row["owner_id"], week), [0, 0, 0])
        counts[0] += row["attempts"]
        counts[1] += row["nos"]
        counts[2] += row["yeses"]
    ids = dict(Membership.objects.filter(group=group).values_list("user_id", "id"))
    GroupWeek.objects.filter(membership__group=group).delete()
    GroupWeek.objects.bulk_create(
        (
            GroupWeek(membership_id=ids[user], week=week, attempts=a, nos=n, yeses=y)
            for (user, week), (a, n, y) in by_member.items()
        ),
        batch_size=10_000,
    )
    totals: dict[int, list[int]] = {}
    for (user, _), counts in by_member.items():
        t = totals.setdefault(user, [0, 0, 0])
        for k in range(3):
            t[k] += counts[k]
    updated = []
    for m in Membership.objects.filter(group=group):
        m.attempts, m.nos, m.yeses = totals.get(m.user_id, [0, 0, 0])
        m.progress = min(1000, m.nos * 1000 // m.target)
        updated.append(m)
    Membership.objects.bulk_update(
        updated, ["attempts", "nos", "yeses", "progress"], batch_size=5000
    )


def _events(group: Group) -> None:
    """A feed as such a group would have it: everyone joined, milestones reached."""
    from nomentum.groups.models import MILESTONES, Event

    made = []
    for m in Membership.objects.filter(group=group):
        made.append(Event(group=group, membership=m, kind=Event.Kind.JOINED))
        made += [
            Event(group=group, membership=m, kind=Event.Kind.MILESTONE, value=v)
            for v in MILESTONES
            if v <= m.nos
        ]
    Event.objects.bulk_create(made, batch_size=10_000, ignore_conflicts=True)
    print(f"{len(made):,} feed items")


def plans(group: Group, viewer: Membership) -> None:
    """EXPLAIN every query the board runs; none may read the asks table."""
    captured: list[tuple[str, tuple]] = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        for by in ("nos", "progress"):
            page = reading.board(group, viewer, by, 40)
            assert page is not None
            list(page.object_list)
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        for sql, params in captured:
            cursor.execute(explain + sql, params)
            plan = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
            print(f"\n{sql[:160]}…\n{plan}")
            assert "asks_ask" not in plan and "asks_ask" not in sql, "the board read the asks"
    print(f"\n{len(captured)} board queries, none touching asks_ask")


def measure(client: Client, url: str, repeat: int = 5, **headers) -> tuple[float, int]:
    client.get(url, headers=headers)
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url, headers=headers)
    started = time.perf_counter()
    for _ in range(repeat):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - started) / repeat, len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    started = time.perf_counter()
    group = fill(rng)
    print(f"(filling took {time.perf_counter() - started:.0f} s)")
    viewer = Membership.objects.select_related("user").get(group=group, role="organiser")
    plans(group, viewer)

    client = Client()
    client.force_login(viewer.user)
    token = create_token(viewer.user)[1]
    bearer = {"Authorization": f"Bearer {token}"}
    trivial, _ = measure(client, "/healthz", repeat=50)
    print(f"\n{'page':<40} {'ms':>8} {'queries':>8} {'× trivial':>10}")
    code = group.code
    for label, url, headers in [
        ("group page, board by no's", f"/groups/{code}/", {}),
        ("group page, board by progress, page 100", f"/groups/{code}/?by=progress&page=100", {}),
        ("API board, page 1", f"/api/groups/{code}/board", bearer),
        ("API board, page 150", f"/api/groups/{code}/board?page=150", bearer),
        ("weekly digest, week 2", f"/groups/{code}/week/2/", {}),
        ("summary", f"/groups/{code}/summary/", {}),
    ]:
        seconds, queries = measure(client, url, **headers)
        print(f"{label:<40} {seconds * 1000:8.1f} {queries:8d} {seconds / trivial:10.1f}")
    print(f"trivial view: {trivial * 1000:.2f} ms")

    member = Membership.objects.select_related("user").filter(group=group).last()
    assert member is not None
    timings = []
    for i in range(20):
        started = time.perf_counter()
        asks.log_ask(member.user, {"request": f"One more {i}", "date": START, "outcome": "no"})
        timings.append(time.perf_counter() - started)
    outsider = User.objects.create_user("outsider")
    plain = []
    for i in range(20):
        started = time.perf_counter()
        asks.log_ask(outsider, {"request": f"Solo {i}", "date": START, "outcome": "no"})
        plain.append(time.perf_counter() - started)
    ratio = (sum(timings) / len(timings)) / (sum(plain) / len(plain))
    print(
        f"logging an ask: {sum(timings) / len(timings) * 1000:.1f} ms for a group member, "
        f"{sum(plain) / len(plain) * 1000:.1f} ms for someone in no group ({ratio:.2f}×)"
    )


if __name__ == "__main__":
    main()
