"""The `nomentum` command. See SPEC §7 for the contract scripts rely on:
data on stdout (one JSON object with --json), a one-line reason on stderr and
exit code 2 for bad input."""

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

EXIT_USAGE = 2


class CliError(Exception):
    """Bad input or state: reported as one line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"nomentum: {message} (see nomentum --help)\n")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nomentum.settings")
    import django
    from django.apps import apps

    if not apps.ready:  # already set up when called in-process
        django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _migrate_if_needed() -> None:
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
        _migrate()


def _user(args: argparse.Namespace):
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


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif text:
        print(text)


def _choice(value: str | None) -> str | None:
    """Accept "no-response", "In person" and the like for choice values."""
    if value is None:
        return None
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def _tell(celebration) -> None:
    if celebration is not None and sys.stderr.isatty():
        print(celebration.message, file=sys.stderr)


# Commands ------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from nomentum.wsgi import application

    _migrate()
    connections.close_all()

    class Server(BaseApplication):
        def load_config(self) -> None:
            options = {
                "bind": f"{args.host}:{args.port}",
                "workers": settings.SERVE_WORKERS,
                "worker_class": "gthread",
                "threads": settings.SERVE_THREADS,
                "graceful_timeout": 10,
                "loglevel": "warning",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    print(f"Nomentum is running on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    Server().run()


def cmd_migrate(args: argparse.Namespace) -> None:
    _migrate()
    _emit(args, {"migrated": True}, "The database is up to date.")


def cmd_adduser(args: argparse.Namespace) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.db import transaction

    from nomentum.accounts.models import User

    _migrate()
    name = args.name.strip()
    if not name or len(name) > 150:
        raise CliError("NAME must be 1 to 150 characters")
    if User.objects.filter(username=name).exists():
        raise CliError(f"an account named {name!r} already exists")
    if args.email:
        try:
            validate_email(args.email)
        except ValidationError:
            raise CliError(f"--email: {args.email!r} is not an email address") from None
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password (leave empty for command-line use only): ")
        if password and password != getpass.getpass("Again: "):
            raise CliError("the two passwords differ")
    user = User(username=name, email=args.email or "", timezone=args.timezone)
    try:
        user.full_clean(exclude=["password"])
        if password:
            validate_password(password, user)
    except ValidationError as exc:
        raise CliError(" ".join(exc.messages)) from None
    with transaction.atomic():
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.is_staff = user.is_superuser = bool(args.admin)
        user.save()
    _emit(args, {"username": user.username}, f"Created account {user.username!r}.")


def cmd_log(args: argparse.Namespace) -> None:
    data = {
        "request": args.request,
        "to": args.to or "",
        "method": _choice(args.via) or "",
        "category": _choice(args.category) or "",
        "tier": _choice(args.tier) or "",
        "outcome": _choice(args.outcome) or "pending",
        "date": args.date or "",
        "fear_before": _number(args.fear),
        "sting_after": _number(args.sting),
        "lessons": args.lesson or "",
        "follow_up": args.follow_up or "",
        "notes": args.notes or "",
        "game_changer": args.game_changer,
        "self_rejection": args.self_rejection,
        "override": args.anyway,
    }
    if args.date:
        data["date"] = _date(args.date, "--date").isoformat()

    def local(user):
        from nomentum.operations import form_data, log_ask

        return log_ask(user, form_data(data))

    def remote(server):
        body = {k: v for k, v in data.items() if v != "" or k == "request"}
        return server.call("POST", "/asks", body, headers={"Idempotency-Key": _fresh_key()})

    saved = _do(args, local, remote, LOG_FLAGS)
    _emit(args, saved, saved["code"])
    if not args.json:
        _tell(saved["celebration"])


LOG_FLAGS = {
    "request": "REQUEST",
    "to": "--to",
    "method": "--via",
    "category": "--category",
    "tier": "--tier",
    "outcome": "--outcome",
    "date": "--date",
    "fear_before": "--fear",
    "sting_after": "--sting",
    "lessons": "--lesson",
    "follow_up": "--follow-up",
    "notes": "--notes",
}

OUTCOME_FLAGS = {
    "outcome": "OUTCOME",
    "sting_after": "--sting",
    "lesson": "--lesson",
    "objections": "--objection",
    "invited_after": "--invited-after",
    "who_else": "--who-else",
    "missing_skill": "--missing-skill",
}


def cmd_outcome(args: argparse.Namespace) -> None:
    data = {
        "outcome": _choice(args.outcome) or "",
        "sting_after": _number(args.sting),
        "lesson": args.lesson or "",
        "objections": [(_choice(o) or "").replace("_", "-") for o in args.objection or []],
        "missing_skill": args.missing_skill or "",
        "who_else": args.who_else or "",
        "invited_after": args.invited_after or "",
    }
    if len(args.code.replace("-", "")) < 4:
        raise CliError(f"No such ask: give at least 4 characters of its code ({args.code})")

    def local(user):
        from nomentum.operations import record_outcome

        return record_outcome(user, args.code, data)

    def remote(server):
        body = {k: v for k, v in data.items() if v != ""}
        return server.call("POST", f"/asks/{_path(args.code)}/outcome", body)

    saved = _do(args, local, remote, OUTCOME_FLAGS)
    _emit(args, saved, f"{saved['code']}: {_outcome_label(saved['outcome'])}")
    if not args.json:
        _tell(saved["celebration"])


def _outcome_label(value: str) -> str:
    labels = {"no_response": "No response", "partial": "Partial / counter-offer"}
    return labels.get(value, value.capitalize())


def cmd_guard(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import guard

        return guard(user, args.text, args.to or "")

    def remote(server):
        return server.call("POST", "/guard", {"text": args.text, "to": args.to or ""})

    verdict = _do(args, local, remote)
    reasons = " ".join(verdict["reasons"])
    if verdict["alternative"]:
        reasons += f" Instead: {verdict['alternative']}"
    _emit(args, verdict, "Fine to ask." if verdict["allowed"] else reasons)


def cmd_followups(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import followups

        return followups(user, args.all)

    def remote(server):
        return server.call("GET", "/followups", query={"all": args.all})

    found = _do(args, local, remote)
    lines = [f"{r['due']}  {r['text']}" for r in found["followups"]] or ["Nothing due. Nice."]
    _emit(args, found, "\n".join(lines))


def cmd_remind(args: argparse.Namespace) -> None:
    from nomentum.asks.reminders import send_due_reminders

    sent = send_due_reminders()
    _emit(args, {"sent": sent}, f"Sent {sent} reminder{'s' if sent != 1 else ''}.")


def cmd_import(args: argparse.Namespace) -> None:
    from pathlib import Path

    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise CliError(f"FILE: cannot read {path}: {exc.strerror}") from None

    def local(user):
        from nomentum.operations import import_file

        return import_file(user, content, path.name, args.dry_run, args.anyway)

    def remote(server):
        fields = {"dry_run": _query_bool(args.dry_run), "anyway": _query_bool(args.anyway)}
        return server.upload("/import", path.name, content, fields)

    result = _do(args, local, remote, {"file": "FILE"})
    verb = "Would import" if args.dry_run else "Imported"
    _emit(args, result, f"{verb} {result['new']} asks; {result['duplicates']} already in your log.")


def _query_bool(value: bool) -> str:
    return "true" if value else "false"


def cmd_token_create(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import create_token

        return create_token(user, args.read_only, args.name or "")

    def remote(server):
        return server.call(
            "POST", "/tokens", {"read_only": args.read_only, "name": args.name or ""}
        )

    made = _do(args, local, remote, {"name": "--name"})
    _emit(
        args,
        made,
        f"{made['token']}\n(id {made['id']}; shown once — keep it somewhere safe)",
    )


def cmd_token_revoke(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import revoke_token

        return revoke_token(user, args.id)

    def remote(server):
        return server.call("DELETE", f"/tokens/{_path(args.id)}")

    done = _do(args, local, remote)
    _emit(args, done, f"Revoked {done['id']}.")


def cmd_export(args: argparse.Namespace) -> None:
    from pathlib import Path

    target = Path(args.output)
    if target.exists() and not args.force:
        raise CliError(f"-o: {target} already exists (add --force to replace it)")

    def local(user):
        from nomentum.operations import export

        return export(user, args.format)

    def remote(server):
        return server.send("GET", "/export", query={"format": args.format})

    data = _do(args, local, remote, {"format": "--format"})
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise CliError(f"-o: cannot write {target}: {exc.strerror}") from None
    _emit(
        args,
        {"file": str(target), "format": args.format, "bytes": len(data)},
        f"Wrote {target} ({len(data):,} bytes).",
    )


def cmd_backup(args: argparse.Namespace) -> None:
    from pathlib import Path

    from nomentum.accounts.backup import BackupError, backup_sqlite

    try:
        size = backup_sqlite(Path(args.file))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    _emit(
        args,
        {"file": args.file, "bytes": size},
        f"Backed up to {args.file} ({size:,} bytes). Restore: stop the server and copy it "
        "over nomentum.sqlite3 in the data directory.",
    )


def cmd_list(args: argparse.Namespace) -> None:
    outcome = _choice(args.outcome) or ""
    since = _date(args.since, "--since") if args.since else None

    def local(user):
        from nomentum.operations import list_asks

        return list_asks(user, outcome, since, oldest_first=True)

    def remote(server):
        asks: list = []
        while True:
            query = {"outcome": outcome, "since": since, "order": "oldest"}
            page = server.call("GET", "/asks", query=query | {"limit": 500, "offset": len(asks)})
            asks += page["items"]
            if not page["items"] or len(asks) >= page["count"]:
                return {"count": len(asks), "asks": asks}

    found = _do(args, local, remote, {"outcome": "--outcome"})
    lines = []
    for ask in found["asks"]:
        to = f"  ({ask['to']})" if ask["to"] else ""
        short = ask["code"].replace("-", "")[:8]
        lines.append(f"{short}  {ask['date']}  {ask['outcome']:<11}  {ask['request']}{to}")
    if not lines:
        lines.append('No asks yet. Log one with: nomentum log "What you asked for"')
    _emit(args, found, "\n".join(lines))


def _date(value: str, flag: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{flag}: use a date like 2026-11-22 (got {value!r})") from None


def _challenge_line(c: dict) -> str:
    line = f"{c['name']}: {c['counted']}/{c['target']} ({c['pace']})"
    if c["status"] == "active":
        line += f", {c['needed_this_week']} more this week, {c['days_left']} days left"
        if c["stage_name"]:
            line += f", week {c['stage']}: {c['stage_name']}"
    elif c["status"] == "upcoming":
        line += f", starts {c['start']}"
    return line


def cmd_stats(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import stats

        return stats(user)

    summary = _do(args, local, lambda server: server.call("GET", "/stats"))
    o = summary["outcomes"]
    rate = "—" if summary["yes_rate"] is None else f"{summary['yes_rate']:.0%}"
    lines = [
        f"{summary['asks']} asks: {o['no']} no, {o['yes']} yes, {o['partial']} partial, "
        f"{o['no_response']} no response, {o['pending']} pending. Yes rate {rate}.",
        *(_challenge_line(c) for c in summary["challenges"]),
    ]
    _emit(args, summary, "\n".join(lines))


CHALLENGE_FLAGS = {
    "target": "--target",
    "start": "--start",
    "end": "--days",
    "name": "--name",
    "counts": "--counts",
    "categories": "--category",
    "weekly_goal": "--weekly-goal",
    "template": "TEMPLATE",
}


def cmd_challenge_start(args: argparse.Namespace) -> None:
    data = {
        "name": args.name,
        "target": args.target,
        "start": _date(args.start, "--start").isoformat() if args.start else None,
        "days": args.days,
        "counts": args.counts,
        "categories": [_choice(c) for c in args.category or []],
        "weekly_goal": args.weekly_goal,
    }

    def local(user):
        from nomentum.operations import start_challenge

        return start_challenge(user, args.template, data)

    def remote(server):
        body = {k: v for k, v in data.items() if v not in (None, [])}
        return server.call("POST", "/challenges", {"template": args.template, **body})

    started = _do(args, local, remote, CHALLENGE_FLAGS)
    _emit(args, started, f"{started['code']}  {_challenge_line(started)}")


def cmd_challenge_list(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import challenges

        return challenges(user)

    found = _do(args, local, lambda server: server.call("GET", "/challenges"))
    lines = [
        f"{c['code'].replace('-', '')[:8]}  {c['status']:<8}  {_challenge_line(c)}"
        for c in found["challenges"]
    ] or ["No challenges yet. Start one with: nomentum challenge start 100-in-30"]
    _emit(args, found, "\n".join(lines))


PLAN_FLAGS = {
    "seed": "--seed",
    "areas": "--areas",
    "fears": "--fear-picks",
    "fear_text": "--fears",
    "comfort": "--comfort",
    "weeks": "--weeks",
    "target": "--target",
}


def cmd_plan(args: argparse.Namespace) -> None:
    answers = {
        "areas": _split(args.areas) if args.areas is not None else None,
        "fear_text": args.fears,
        "fears": _split(args.fear_picks) if args.fear_picks is not None else None,
        "comfort": args.comfort,
        "weeks": args.weeks,
        "target": args.target,
    }
    asked = any(v is not None for v in answers.values())

    def local(user):
        from django.http import Http404

        from nomentum import operations

        if not asked:
            try:
                return operations.current_plan(user)
            except Http404:
                pass  # no plan yet: make one from the defaults
        return operations.make_plan(user, answers, args.seed)

    def remote(server):
        from nomentum.remote import NotFound

        if not asked:
            try:
                return server.call("GET", "/plan")
            except NotFound:
                pass
        return server.call("POST", "/plan", answers | {"seed": args.seed})

    plan = _do(args, local, remote, PLAN_FLAGS)
    lines = [plan["note"]] if plan["note"] else []
    for week in plan["weeks"]:
        lines.append(f"Week {week['week']}: {week['target']} asks")
        lines.extend(f"  [{i['tier']}] {i['text']}" for i in week["ideas"])
    _emit(args, plan, "\n".join(lines))


def _split(value: str) -> list[str]:
    return [part.strip().lower() for part in value.split(",") if part.strip()]


def cmd_today(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import today

        return today(user)

    idea = _do(args, local, lambda server: server.call("GET", "/today"))
    _emit(args, idea, f"{idea['text']}  ({idea['area']}, {idea['tier']})")


GROUP_FLAGS = {
    "name": "NAME",
    "start": "--start",
    "end": "--end",
    "template": "--template",
    "weekly_goal": "--weekly-goal",
    "description": "--description",
    "member_cap": "--member-cap",
    "code": "CODE",
    "by": "--by",
}


def _group_line(g: dict) -> str:
    invite = f", invite code {g['invite_code']}" if g["invite_code"] else ""
    return f"{g['name']}: {g['start']} to {g['end']} ({g['role']}{invite})"


def cmd_group_create(args: argparse.Namespace) -> None:
    data = {
        "name": args.name,
        "start": _date(args.start, "--start").isoformat() if args.start else None,
        "end": _date(args.end, "--end").isoformat() if args.end else None,
        "template": args.template,
        "weekly_goal": args.weekly_goal,
        "description": args.description,
        "on_board": args.on_board,
    }

    def local(user):
        from nomentum.operations import create_group

        return create_group(user, data)

    def remote(server):
        return server.call("POST", "/groups", {k: v for k, v in data.items() if v is not None})

    made = _do(args, local, remote, GROUP_FLAGS)
    _emit(args, made, _group_line(made))


def cmd_group_join(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import join_group

        return join_group(user, args.code, args.weekly_goal, args.on_board)

    def remote(server):
        body = {"code": args.code, "weekly_goal": args.weekly_goal, "on_board": args.on_board}
        return server.call("POST", "/groups/join", {k: v for k, v in body.items() if v is not None})

    joined = _do(args, local, remote, GROUP_FLAGS)
    _emit(args, joined, f"Joined {_group_line(joined)}")


def cmd_group_board(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import group_board

        return group_board(user, args.name, args.by, args.page)

    def remote(server):
        query = {"by": args.by, "page": args.page}
        return server.call("GET", f"/groups/{_path(args.name)}/board", query=query)

    found = _do(args, local, remote, GROUP_FLAGS)
    if not found["shown"]:
        _emit(args, found, found["reason"])
        return
    lines = [
        f"{r['rank']:>3}. {r['name']}{' (you)' if r['you'] else ''}: {r['nos']} no's, "
        f"{r['progress']}% of their goal"
        for r in found["rows"]
    ]
    if found["pages"] > 1:
        lines.append(f"(page {found['page']} of {found['pages']}: --page N)")
    _emit(args, found, "\n".join(lines))


def cmd_group_list(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.operations import groups

        return groups(user)

    found = _do(args, local, lambda server: server.call("GET", "/groups"))
    lines = [_group_line(g) for g in found["groups"]] or [
        'In no group yet. Start one with: nomentum group create "November of NO"'
    ]
    _emit(args, found, "\n".join(lines))


# Running a command here or on the server -------------------------------------


def _remote():
    """The server named by NOMENTUM_URL + NOMENTUM_TOKEN, or None to work locally."""
    url = os.environ.get("NOMENTUM_URL", "").strip()
    if not url:
        return None
    token = os.environ.get("NOMENTUM_TOKEN", "").strip()
    if not token:
        raise CliError("NOMENTUM_URL is set but NOMENTUM_TOKEN is not: make a token in Settings")
    if not url.startswith(("http://", "https://")):
        raise CliError(f"NOMENTUM_URL: use an address like https://example.org (got {url!r})")
    from nomentum.remote import Remote

    return Remote(url, token)


def _do(args: argparse.Namespace, local, remote, flags: dict[str, str] | None = None):
    """Run ``local(user)`` on this database, or ``remote(server)`` through the API when
    NOMENTUM_URL is set. Both answer with the same object and fail with the same
    exceptions, worded here once."""
    from nomentum.operations import Invalid
    from nomentum.remote import NotFound, Refused, RemoteError

    server = _remote()
    try:
        if server is not None:
            return remote(server)
        return _local(args, local)
    except Invalid as exc:
        if args.json and exc.extra:
            _emit(args, exc.extra, "")
        raise CliError(_flag_error(exc.errors, flags or {})) from None
    except NotFound as exc:
        raise CliError(str(exc)) from None
    except Refused as exc:
        hint = "" if exc.hard else " (if the check is wrong: --anyway)"
        raise CliError(f"not logged: {exc}{hint}") from None
    except RemoteError as exc:
        raise CliError(str(exc)) from None


def _local(args: argparse.Namespace, local):
    from django.http import Http404

    from nomentum.asks.services import AskRefused
    from nomentum.remote import NotFound, Refused

    user = _user(args)
    try:
        return local(user)
    except Http404 as exc:
        raise NotFound(str(exc)) from None
    except AskRefused as exc:
        raise Refused(exc.verdict.message(), exc.verdict.hard) from None


def _flag_error(errors: dict[str, list[str]], flags: dict[str, str]) -> str:
    field, messages = next(iter(errors.items()))
    return f"{flags.get(field, field)}: {messages[0]}" if field != "__all__" else messages[0]


def _number(value: str | None):
    """A 0-10 scale as typed: a whole number if it is one, else the text for the form
    to explain."""
    if value is None or value == "":
        return ""
    try:
        return int(value)
    except ValueError:
        return value


def _path(code: str) -> str:
    import urllib.parse

    return urllib.parse.quote(code.strip(), safe="")


def _fresh_key() -> str:
    import uuid

    return str(uuid.uuid4())


# Parser --------------------------------------------------------------------


EXPORT_FORMATS = ("csv", "xlsx", "json", "ics")
COUNTS = ("no", "no+silence", "all")


def _int(flag: str):
    def parse(value: str) -> int:
        try:
            return int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{flag} takes a whole number") from None

    return parse


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--user", help="account name (default: NOMENTUM_USER, or the only one)")
    common.add_argument("--json", action="store_true", help="print one JSON object")

    parser = _Parser(
        prog="nomentum", description="Make bold asks, log them, count every no as a win."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("serve", help="run the web app and API", parents=[common])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("migrate", help="create or update the database", parents=[common])
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("adduser", help="create an account", parents=[common])
    p.add_argument("name")
    p.add_argument("--email", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument("--timezone", default="UTC", help="e.g. Europe/Berlin (default UTC)")
    p.add_argument("--admin", action="store_true", help="may use the admin site")
    p.set_defaults(func=cmd_adduser)

    p = sub.add_parser("log", help="log an ask; prints its code", parents=[common])
    p.add_argument("request")
    p.add_argument("--to", help='"PERSON, COMPANY"')
    p.add_argument("--via", help="email, linkedin, phone, in_person, …")
    p.add_argument("--tier", help="comfort, stretch or moonshot")
    p.add_argument("--category", help="job, pitch, networking, sales, creative, social, …")
    p.add_argument("--outcome", help="pending (default), yes, no, no-response, partial")
    p.add_argument("--fear", help="fear before, 0-10")
    p.add_argument("--sting", help="sting after, 0-10")
    p.add_argument("--date", help="YYYY-MM-DD (default today)")
    p.add_argument("--lesson")
    p.add_argument("--follow-up")
    p.add_argument("--notes")
    p.add_argument("--game-changer", action="store_true")
    p.add_argument("--self-rejection", action="store_true", help="you talked yourself out of it")
    p.add_argument(
        "--anyway",
        action="store_true",
        help="log it although the text check objects (noted on the ask)",
    )
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("outcome", help="record what happened", parents=[common])
    p.add_argument("code", help="the ask's code (or its first 4+ characters)")
    p.add_argument("outcome", help="yes, no, no-response, partial or pending")
    p.add_argument("--sting", help="sting after, 0-10")
    p.add_argument("--lesson")
    p.add_argument(
        "--objection",
        action="append",
        help="timing, budget, fit, experience, no-reason, not-hiring, "
        "already-have, other (repeatable)",
    )
    p.add_argument("--missing-skill")
    p.add_argument("--who-else", help='someone they suggested: "PERSON, COMPANY"')
    p.add_argument("--invited-after", help="YYYY-MM-DD: they invited you to ask again after")
    p.set_defaults(func=cmd_outcome)

    p = sub.add_parser("guard", help="run the ethics guard on a prospective ask", parents=[common])
    p.add_argument("text")
    p.add_argument("--to", help='"PERSON, COMPANY"')
    p.set_defaults(func=cmd_guard)

    p = sub.add_parser("followups", help="follow-ups that are due", parents=[common])
    p.add_argument("--all", action="store_true", help="every open follow-up, not only due ones")
    p.set_defaults(func=cmd_followups)

    p = sub.add_parser(
        "import", help="import a tracking spreadsheet (CSV or XLSX)", parents=[common]
    )
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
    p.add_argument(
        "--anyway",
        action="store_true",
        help="import rows the text check objects to (noted on each ask)",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="your data as a file", parents=[common])
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "backup", help="a consistent copy of the database, while it runs", parents=[common]
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("remind", help="send due follow-up reminders (for cron)", parents=[common])
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("list", help="your log, oldest first", parents=[common])
    p.add_argument("--outcome")
    p.add_argument("--since", help="YYYY-MM-DD")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("stats", help="totals, rates and challenges", parents=[common])
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("plan", help="your plan, or a new one from these answers", parents=[common])
    p.add_argument("--areas", help="career,creative,business,social,dating,everyday,learning")
    p.add_argument("--fears", help="what scares you, in your own words")
    p.add_argument(
        "--fear-picks", help="strangers,senior,money,judged,phone,romance,speaking,applying"
    )
    p.add_argument("--comfort", type=_int("--comfort"), help="1 (very anxious) to 5")
    p.add_argument("--weeks", type=_int("--weeks"))
    p.add_argument("--target", type=_int("--target"))
    p.add_argument("--seed", type=_int("--seed"), help="the same seed gives the same plan")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("today", help="one ask idea for today", parents=[common])
    p.set_defaults(func=cmd_today)

    token = sub.add_parser("token", help="API tokens for scripts and the remote CLI")
    tsub = token.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = tsub.add_parser("create", help="make a token (shown once)", parents=[common])
    p.add_argument("--read-only", action="store_true")
    p.add_argument("--name")
    p.set_defaults(func=cmd_token_create)
    p = tsub.add_parser("revoke", help="revoke a token by its id", parents=[common])
    p.add_argument("id")
    p.set_defaults(func=cmd_token_revoke)

    group = sub.add_parser("group", help="groups: create, join, the board")
    gsub = group.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = gsub.add_parser("create", help="start a group (you organise it)", parents=[common])
    p.add_argument("name")
    p.add_argument("--start", help="YYYY-MM-DD (default: the 1st of this month)")
    p.add_argument("--end", help="YYYY-MM-DD (default: the month's last day)")
    p.add_argument("--template", help="monthly-group (default), 100-in-30, 1000-in-365, custom")
    p.add_argument("--weekly-goal", type=_int("--weekly-goal"), help="your own goal (default 3)")
    p.add_argument("--description")
    p.add_argument("--on-board", action="store_true", help="show your counts to the group")
    p.set_defaults(func=cmd_group_create)
    p = gsub.add_parser("join", help="join a group by its invite code", parents=[common])
    p.add_argument("code")
    p.add_argument("--weekly-goal", type=_int("--weekly-goal"), help="your own goal (default 3)")
    p.add_argument("--on-board", action="store_true", help="show your counts to the group")
    p.set_defaults(func=cmd_group_join)
    p = gsub.add_parser("board", help="a group's board (name or code)", parents=[common])
    p.add_argument("name")
    p.add_argument("--by", choices=("nos", "progress"), default="nos")
    p.add_argument("--page", type=_int("--page"), default=1)
    p.set_defaults(func=cmd_group_board)
    p = gsub.add_parser("list", help="your groups", parents=[common])
    p.set_defaults(func=cmd_group_list)

    challenge = sub.add_parser("challenge", help="start or list challenges")
    csub = challenge.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = csub.add_parser("start", help="start a challenge", parents=[common])
    p.add_argument("template", help="100-in-30, 1000-in-365, monthly-group or custom")
    p.add_argument("--target", type=_int("--target"))
    p.add_argument("--days", type=_int("--days"))
    p.add_argument("--start", help="YYYY-MM-DD (default today; monthly-group: the 1st)")
    p.add_argument("--counts", choices=COUNTS, help="what counts (default no)")
    p.add_argument("--name")
    p.add_argument("--category", action="append", help="count only this category (repeatable)")
    p.add_argument("--weekly-goal", type=_int("--weekly-goal"))
    p.set_defaults(func=cmd_challenge_start)
    p = csub.add_parser("list", help="your challenges", parents=[common])
    p.set_defaults(func=cmd_challenge_list)
    return parser


LOCAL_ONLY = ("serve", "migrate", "adduser", "backup", "remind")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    remote = bool(os.environ.get("NOMENTUM_URL", "").strip())
    try:
        if remote and args.command in LOCAL_ONLY:
            raise CliError(
                f"`{args.command}` works on the server's own database: run it there "
                "(or unset NOMENTUM_URL to use the local one)"
            )
        if not remote:
            _setup_django()
            if args.command not in ("serve", "migrate", "adduser"):
                _migrate_if_needed()
        args.func(args)
    except CliError as exc:
        print(f"nomentum: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
