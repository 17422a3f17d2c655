"""The insights' tallies stay equal to a count of the asks through every change the app
makes to them, for one user only; the page reads them at any size."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks import services as asks
from nomentum.asks.models import Ask
from nomentum.insights import tallies
from nomentum.insights.models import AnswerTally, DayTally, MixTally, NoteTally
from nomentum.portability import importer

MODELS = (DayTally, MixTally, AnswerTally, NoteTally)


def kept(user: User) -> dict:
    """The user's tallies as kept: every non-zero row, without ids."""
    found = {}
    for model in MODELS:
        for row in model.objects.filter(owner=user).values():
            counts = {k: v for k, v in row.items() if k in tallies.COUNTS[model] and v}
            if counts:
                key = tuple(row[k] for k in tallies.KEYS[model])
                found[(model.__name__, *key)] = counts
    return found


def assert_counted_right(user: User) -> None:
    before = kept(user)
    tallies.rebuild(user.pk)
    assert before == kept(user)


def test_every_change_to_asks_keeps_the_tallies_equal_to_a_recount(owner, outsider):
    today = timezone.localdate()
    first = asks.log_ask(
        owner,
        {
            "request": "Ask the bakery for a day-old loaf",
            "date": today - timedelta(days=20),
            "tier": "comfort",
            "method": "in_person",
            "category": "personal",
            "fear_before": 6,
            "pitch": "Cheerful v1",
        },
    ).ask
    second = asks.log_ask(
        owner, {"request": "Pitch a talk to the meetup", "date": today - timedelta(days=3)}
    ).ask
    asks.log_ask(outsider, {"request": "Ask for a raise", "tier": "stretch", "fear_before": 9})
    assert_counted_right(owner)
    assert kept(owner)[("DayTally", first.date, "comfort")] == {
        "asks": 1,
        "pending": 1,
        **{"fear_n": 1, "fear_sum": 6},
    }

    # Every field the tallies read changes at once.
    asks.update_ask(
        first,
        {
            "date": today - timedelta(days=18),
            "tier": "stretch",
            "method": "email",
            "category": "pitch",
            "fear_before": 8,
            "sting_after": 2,
            "pitch": "Cheerful v2",
            "game_changer": True,
        },
    )
    assert_counted_right(owner)
    assert ("DayTally", today - timedelta(days=20), "comfort") not in kept(owner)

    asks.record_outcome(
        first, "no", sting=3, miner={"objections": ["budget", "timing"], "missing_skill": "SQL"}
    )
    asks.record_outcome(second, "yes", sting=1)
    assert_counted_right(owner)

    # A copy loaded before another request changed the ask: the tallies follow the
    # stored ask, not the stale copy.
    stale = Ask.objects.get(pk=second.pk)
    asks.record_outcome(second, "partial")
    asks.update_ask(stale, {"tier": "moonshot"})
    assert_counted_right(owner)

    talked_out = asks.log_ask(
        owner, {"request": "Ask to join the choir", "self_rejection": True, "fear_before": 9}
    ).ask
    assert_counted_right(owner)
    asks.ask_after_all(talked_out)
    assert_counted_right(owner)

    asks.log_ask(owner, {"request": "Email the editor", "date": today - timedelta(days=40)})
    assert asks.mark_stale_as_no_response(owner, today) == 1
    assert_counted_right(owner)

    asks.delete_ask(first)
    assert_counted_right(owner)

    result = importer.run(
        owner,
        b"Date,Ask,Who,Channel,Result\n"
        b"2026-10-01,Ask for a discount,Corner Books,in person,no\n"
        b"2026-10-02,Ask for a mentor,Sam Roe,LinkedIn,yes\n",
        "log.csv",
    )
    assert result.problems == []
    assert_counted_right(owner)

    # Nothing of the owner's in the outsider's tallies, and the other way round.
    theirs = kept(outsider)
    assert list(theirs) == [("DayTally", today, "stretch"), ("MixTally", "", "", 0)]
    assert theirs[("DayTally", today, "stretch")]["fear_sum"] == 9
    made = Ask.objects.filter(owner=owner, self_rejection=False).count()
    assert DayTally.objects.filter(owner=owner).aggregate(n=Sum("asks"))["n"] == made


def test_the_insights_page_reads_the_tallies_at_100000_asks(owner, owner_client):
    start = date(2024, 1, 1)
    outcomes = ("no", "no", "no", "yes", "no_response", "pending")
    Ask.objects.bulk_create(
        Ask(
            owner=owner,
            request=f"Ask {i}",
            date=start + timedelta(days=i % 700),
            outcome=outcomes[i % 6],
            tier=("comfort", "stretch", "moonshot")[i % 3],
        )
        for i in range(100_000)
    )
    tallies.rebuild(owner.pk)  # as a migration counts asks logged before the tallies
    with CaptureQueriesContext(connection) as queries:
        page = owner_client.get("/insights/").content.decode()
    assert len(queries) <= 12
    assert "100,000 asks so far, 83,334 answered." in page
    assert "Your comfort asks got a yes or part of one 16667 times in 33334" in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_writers_at_once_leave_the_tallies_right(transactional_db):
    racer = User.objects.create_user("racer")
    mine = [asks.log_ask(racer, {"request": f"Shared ask {i}"}).ask for i in range(4)]
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(6):
                ask = asks.log_ask(racer, {"request": f"t{n} ask {i}", "fear_before": i}).ask
                asks.record_outcome(ask, "no" if i % 2 else "yes")
                # Several threads change the same asks, each from its own stale copy.
                copy = Ask.objects.get(pk=mine[(n + i) % 4].pk)
                asks.record_outcome(copy, ("no", "yes", "partial")[(n + i) % 3])
                if i == 5:
                    asks.delete_ask(ask)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert_counted_right(racer)
