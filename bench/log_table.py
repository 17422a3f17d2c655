"""The log page with 100,000 asks (issue: "stays fast at 100,000 rows").

Fills a throw-away SQLite install with 100,000 asks for one user (plus 20,000 for
another, so the owner filter matters), then renders the log page in its common
shapes and prints each one's time and query count as a ratio to the trivial view.
"""

import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from in_process import measure  # noqa: E402  (sets up Django first)

from nomentum.accounts.models import User  # noqa: E402
from nomentum.asks.models import Ask, Category, Contact, Method, Outcome, Tier  # noqa: E402


def fill(user: User, rows: int, rng: random.Random) -> None:
    contacts = Contact.objects.bulk_create(
        Contact(owner=user, kind="company", name=f"Company {i}", key=f"company {i}")
        for i in range(500)
    )
    start = date(2024, 1, 1)
    batch = []
    for i in range(rows):
        batch.append(
            Ask(
                owner=user,
                request=f"Ask number {i} for something bold",
                date=start + timedelta(days=rng.randrange(1000)),
                company=rng.choice(contacts),
                outcome=rng.choice(Outcome.values),
                tier=rng.choice(Tier.values),
                category=rng.choice(Category.values),
                method=rng.choice(Method.values),
                fear_before=rng.randrange(11),
            )
        )
        if len(batch) == 5000:
            Ask.objects.bulk_create(batch)
            batch = []
    Ask.objects.bulk_create(batch)


def main() -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    owner = User.objects.create_user("owner")
    other = User.objects.create_user("other")
    started = time.perf_counter()
    fill(owner, ROWS, rng)
    fill(other, ROWS // 5, rng)
    print(f"filled {ROWS:,} + {ROWS // 5:,} asks in {time.perf_counter() - started:.1f}s")
    client = Client()
    client.force_login(owner)
    trivial, _ = measure(client, "/healthz", repeat=50)
    print(f"{'page':<42} {'ms':>8} {'queries':>8} {'× trivial':>10}")
    for label, url in [
        ("log, newest first", "/asks/"),
        ("log, page 1,000", "/asks/?page=1000"),
        ("log, sorted by request", "/asks/?sort=request"),
        ("log, sorted by fear, descending", "/asks/?sort=-fear"),
        ("log, outcome=no and tier=moonshot", "/asks/?outcome=no&tier=moonshot"),
        ("log, date range (one month)", "/asks/?since=2025-03-01&until=2025-03-31"),
        ("log, search 'number 4242'", "/asks/?q=number+4242"),
        ("waiting for answers", "/asks/waiting/"),
        ("dashboard", "/"),
    ]:
        seconds, queries = measure(client, url)
        print(f"{label:<42} {seconds * 1000:8.1f} {queries:8d} {seconds / trivial:10.1f}")
    print(f"trivial view: {trivial * 1000:.2f} ms")


if __name__ == "__main__":
    main()
