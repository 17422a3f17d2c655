"""Counters stay right when one member's asks are written from several connections at
once (PostgreSQL; SQLite writes one at a time anyway)."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, connections

from nomentum.accounts.models import User
from nomentum.asks import services as asks
from nomentum.asks.models import Ask
from nomentum.groups import services
from nomentum.groups.models import GroupWeek, Membership

START = date(2026, 11, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_concurrent_writers_leave_the_counters_right(transactional_db):
    organiser = User.objects.create_user("org")
    group = services.create_group(
        organiser, {"name": "Race", "start": START, "end": START + timedelta(days=13)}
    ).group
    racer = User.objects.create_user("racer")
    services.join_group(racer, group, 3, today=START)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(8):
                day = START + timedelta(days=(n + i) % 3)  # most writes share week 1
                ask = asks.log_ask(racer, {"request": f"t{n} ask {i}", "date": day}).ask
                if i % 2:
                    asks.record_outcome(ask, "no")
                if i % 3 == 0:
                    asks.update_ask(ask, {"request": ask.request, "date": START, "outcome": "yes"})
                if i == 7:
                    asks.delete_ask(ask)
        except BaseException as exc:  # reported below, with the thread's name
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    mine = Membership.objects.get(user=racer, group=group)
    made = Ask.objects.filter(owner=racer, self_rejection=False)
    assert (mine.attempts, mine.nos, mine.yeses) == (
        made.count(),
        made.filter(outcome="no").count(),
        made.filter(outcome="yes").count(),
    )
    for week in GroupWeek.objects.filter(membership=mine):
        first, last = group.week_span(week.week)
        assert week.attempts == made.filter(date__range=(first, last)).count()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_two_writers_counting_at_the_same_moment_both_count(transactional_db, monkeypatch):
    """Each writer, having counted its week, waits a moment for the other to count too.
    Unless the member's counters are locked, both count before either commits and the
    later commit drops the other's ask."""
    from nomentum.groups import counters

    organiser = User.objects.create_user("org")
    group = services.create_group(
        organiser, {"name": "Race", "start": START, "end": START + timedelta(days=6)}
    ).group
    racer = User.objects.create_user("racer")
    services.join_group(racer, group, 3, today=START)
    counted = threading.Semaphore(0)
    original = counters._count_weeks

    def count_then_linger(membership, weeks):
        original(membership, weeks)
        counted.release()
        counted.acquire(timeout=0.5)  # the other writer's count, if it can happen now
        counted.release()

    monkeypatch.setattr(counters, "_count_weeks", count_then_linger)
    start = threading.Barrier(2)

    def writer(n: int) -> None:
        try:
            start.wait()
            asks.log_ask(racer, {"request": f"ask {n}", "date": START, "outcome": "no"})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    mine = Membership.objects.get(user=racer, group=group)
    assert (mine.attempts, mine.nos) == (2, 2)
