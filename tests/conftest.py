import os

import pytest
from django.test import Client

from nomentum.accounts.models import User
from nomentum.asks import services
from nomentum.cli import main


@pytest.fixture
def owner(db) -> User:
    return User.objects.create_user("alice", "alice@example.com", "alice's long passphrase")


@pytest.fixture
def outsider(db) -> User:
    return User.objects.create_user("charlie", "charlie@example.com", "charlie's long passphrase")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner) -> Client:
    return _client_for(owner)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return _client_for(outsider)


@pytest.fixture
def make_ask(owner):
    def make(request: str = "Ask for a discount", user: User | None = None, **fields):
        return services.log_ask(user or owner, {"request": request, **fields}).ask

    return make


@pytest.fixture
def cli(capsys):
    """Runs the `nomentum` command in-process: returns (exit code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


# Skips this run may have: tests that only mean something on the other database.
# With NOMENTUM_STRICT_SKIPS=1 (CI) any other skip — a browser test without Chromium,
# a PostgreSQL test on PostgreSQL — fails the run instead of passing it quietly.
EXPECTED_SKIP = {"sqlite": "PostgreSQL only", "postgresql": "SQLite only"}
_unexpected_skips: list[str] = []


def pytest_runtest_logreport(report) -> None:
    if not report.skipped or not os.environ.get("NOMENTUM_STRICT_SKIPS"):
        return
    from django.db import connection

    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
    if not reason.endswith(EXPECTED_SKIP.get(connection.vendor, "\0")):
        _unexpected_skips.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus) -> None:
    if _unexpected_skips and exitstatus == 0:
        print("\nUnexpected skips (NOMENTUM_STRICT_SKIPS is set):", *_unexpected_skips, sep="\n")
        session.exitstatus = 1
