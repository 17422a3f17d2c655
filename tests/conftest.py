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
