"""What every command shares: the parser that fails in one line, the account, output,
and running a command on this database or on a server (NOMENTUM_URL) with the same
answers and the same one-line errors. See SPEC §7 for the contract scripts rely on."""

import argparse
import json
import os
import sys
import urllib.parse
from collections.abc import Callable
from datetime import date
from typing import Any, NoReturn

from nomentum.dates import DATE_HINT
from nomentum.errors import Invalid, NotFound, Refused

EXIT_USAGE = 2


class CliError(Exception):
    """Bad input or state: reported as one line on stderr, exit code 2."""


class Parser(argparse.ArgumentParser):
    """Usage errors in one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"nomentum: {message} (see nomentum --help)\n")

    def flag_for(self, field: str) -> str:
        """How this command spells a use case's field: arguments are named after the
        form fields they fill (``--via`` fills ``method``)."""
        for action in self._actions:
            if action.dest == field:
                if not action.option_strings:
                    return str(action.metavar or field.upper())
                return max(action.option_strings, key=len)
        return field


def common_options() -> Parser:
    common = Parser(add_help=False)
    common.add_argument("--user", help="account name (default: NOMENTUM_USER, or the only one)")
    common.add_argument("--json", action="store_true", help="print one JSON object")
    return common


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nomentum.settings")
    import django
    from django.apps import apps

    if not apps.ready:  # already set up when called in-process
        django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def migrate_if_needed() -> None:
    """After an upgrade the first command brings the database up to date (a check
    that costs a few milliseconds when there is nothing to do)."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        needed = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        needed = True
    if needed:
        migrate()


def account(args: argparse.Namespace):
    """The local account the command acts for, its time zone active."""
    from django.db import DatabaseError
    from django.utils import timezone

    from nomentum.accounts.models import User

    name = args.user or os.environ.get("NOMENTUM_USER", "")
    try:
        if name:
            user = User.objects.filter(username=name).first()
            if user is None:
                raise CliError(f"no account named {name!r}")
        else:
            users = list(User.objects.filter(is_active=True)[:2])
            if not users:
                raise CliError("no account yet: create one with `nomentum adduser NAME`")
            if len(users) > 1:
                raise CliError("several accounts here: name one with --user NAME or NOMENTUM_USER")
            user = users[0]
    except DatabaseError:
        raise CliError(
            "the database is not set up yet: run `nomentum adduser NAME` first"
        ) from None
    timezone.activate(user.timezone)
    return user


def emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif text:
        print(text)


def tell(celebration: str | None) -> None:
    if celebration and sys.stderr.isatty():
        print(celebration, file=sys.stderr)


def server():
    """The server named by NOMENTUM_URL + NOMENTUM_TOKEN, or None to work locally."""
    url = os.environ.get("NOMENTUM_URL", "").strip()
    if not url:
        return None
    token = os.environ.get("NOMENTUM_TOKEN", "").strip()
    if not token:
        raise CliError("NOMENTUM_URL is set but NOMENTUM_TOKEN is not: make a token in Settings")
    if not url.startswith(("http://", "https://")):
        raise CliError(f"NOMENTUM_URL: use an address like https://example.org (got {url!r})")
    from nomentum.cli.remote import Remote

    return Remote(url, token)


def run(args: argparse.Namespace, local: Callable, remote: Callable):
    """``local(user)`` on this database, or ``remote(server)`` through the API when
    NOMENTUM_URL is set. Both answer with the same schema's JSON and fail with the same
    exceptions, worded here once, each field named as the command's own flag."""
    from nomentum.cli.remote import RemoteError

    found = server()
    try:
        if found is not None:
            return remote(found)
        return _local(args, local)
    except Invalid as exc:
        if args.json and exc.extra:
            emit(args, exc.extra, "")
        field, messages = next(iter(exc.errors.items()))
        if field == "__all__":
            raise CliError(messages[0]) from None
        raise CliError(f"{args.parser.flag_for(field)}: {messages[0]}") from None
    except NotFound as exc:
        raise CliError(str(exc)) from None
    except Refused as exc:
        hint = "" if exc.hard else " (if the check is wrong: --anyway)"
        raise CliError(f"not logged: {exc}{hint}") from None
    except RemoteError as exc:
        raise CliError(str(exc)) from None


def _local(args: argparse.Namespace, local: Callable):
    from django.http import Http404

    try:
        return local(account(args))
    except Http404 as exc:
        raise NotFound(str(exc)) from None


def choice(value: str | None) -> str | None:
    """Accept "no-response", "In person" and the like for choice values."""
    if value is None:
        return None
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def scale(value: str | None):
    """A 0-10 scale as typed: a whole number if it is one, else the text for the form
    to explain."""
    if value is None or value == "":
        return ""
    try:
        return int(value)
    except ValueError:
        return value


def day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{flag}: {DATE_HINT.lower().rstrip('.')} (got {value!r})") from None


def whole(flag: str):
    def parse(value: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{flag} takes a whole number") from None

    return parse


def split(value: str) -> list[str]:
    return [part.strip().lower() for part in value.split(",") if part.strip()]


def path(code: str) -> str:
    return urllib.parse.quote(code.strip(), safe="")


def short(code: str) -> str:
    return code.replace("-", "")[:8]


def as_query(value: bool) -> str:
    return "true" if value else "false"
