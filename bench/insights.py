"""The Insights page and the dashboard at 1,000 and at 100,000 asks (issue 15: at most
3× the time, within 12 queries). Fills two throw-away users in one SQLite install and
prints, per page, the time at each size, the ratio beside its target, and the queries.
"""

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SMALL, LARGE = 1_000, int(os.environ.get("BENCH_ROWS", "100000"))
RATIO_TARGET, QUERY_TARGET = 3.0, 12

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from in_process import measure  # noqa: E402  (sets up Django first)

from nomentum.accounts.models import User  # noqa: E402
from nomentum.asks.models import Ask, Category, FollowUp, Method, Objection, Outcome, Tier  # noqa: E402
from nomentum.insights import tallies  # noqa: E402


def fill(user: User, rows: int, rng: random.Random) -> None:
    start = date(2024, 1, 1)
    batch = []
    for i in range(rows):
        day = start + timedelta(days=rng.randrange(1000))
        outcome = rng.choice(Outcome.values)
        batch.append(
            Ask(
                owner=user,
                request=f"Ask number {i} for something bold",
                date=day,
                outcome=outcome,
                answered_on=day + timedelta(days=rng.randrange(20))
                if outcome != "pending"
                else None,
                tier=rng.choice(Tier.values),
                category=rng.choice(Category.values),
                method=rng.choice(Method.values),
                fear_before=rng.randrange(11),
                sting_after=rng.randrange(11),
                objections=[rng.choice(Objection.values)] if outcome == "no" else [],
            )
        )
        if len(batch) == 5000:
            Ask.objects.bulk_create(batch)
            batch = []
    Ask.objects.bulk_create(batch)
    tallies.rebuild(user.pk)  # bulk_create skips the use cases that keep them
    # A follow-up for every other no, a third of them done.
    nos = Ask.objects.filter(owner=user, outcome="no").values_list("id", "date")
    FollowUp.objects.bulk_create(
        (
            FollowUp(
                owner=user,
                ask_id=pk,
                kind="advice",
                text="Ask what would make it a yes next time",
                due=day + timedelta(days=7),
                status="done" if pk % 3 == 0 else "open",
            )
            for pk, day in nos
            if pk % 2
        ),
        batch_size=5000,
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(15)
    clients = {}
    for name, rows in (("small", SMALL), ("large", LARGE)):
        user = User.objects.create_user(name)
        fill(user, rows, rng)
        clients[name] = Client()
        clients[name].force_login(user)
    print(f"Insights and dashboard: {SMALL:,} asks against {LARGE:,} (SQLite)")
    for label, url in (
        ("insights page", "/insights/"),
        ("dashboard", "/"),
        ("API", "/api/insights"),
    ):
        small, _ = measure(clients["small"], url)
        large, queries = measure(clients["large"], url)
        ratio = large / small
        print(
            f"  {label:<14} {small * 1000:7.1f} ms → {large * 1000:7.1f} ms: {ratio:4.1f}× "
            f"(target ≤ {RATIO_TARGET:.0f}×), {queries} queries (target ≤ {QUERY_TARGET})"
        )


if __name__ == "__main__":
    main()
