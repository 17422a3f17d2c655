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


def _first_error(form, flags: dict[str, str]) -> str:
    field, errors = next(iter(form.errors.items()))
    label = flags.get(field, field)
    return f"{label}: {errors[0]}" if field != "__all__" else errors[0]


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
    from nomentum.asks import services
    from nomentum.asks.forms import AskForm
    from nomentum.asks.serialize import ask_as_dict

    user = _user(args)
    data = {
        "request": args.request,
        "to": args.to or "",
        "method": _choice(args.via) or "",
        "category": _choice(args.category) or "",
        "tier": _choice(args.tier) or "",
        "outcome": _choice(args.outcome) or "pending",
        "date": args.date or "",
        "fear_before": "" if args.fear is None else args.fear,
        "sting_after": "" if args.sting is None else args.sting,
        "lessons": args.lesson or "",
        "follow_up": args.follow_up or "",
        "notes": args.notes or "",
    }
    if args.game_changer:
        data["game_changer"] = "on"
    if args.self_rejection:
        data["self_rejection"] = "on"
    if args.anyway:
        data["override"] = "on"
    form = AskForm(data)
    if not form.is_valid():
        raise CliError(_first_error(form, LOG_FLAGS))
    try:
        saved = services.log_ask(user, form.cleaned_data)
    except services.AskRefused as refusal:
        hint = "" if refusal.verdict.hard else " (if the check is wrong: --anyway)"
        raise CliError(f"not logged: {refusal.verdict.message()}{hint}") from None
    payload = ask_as_dict(saved.ask)
    payload["celebration"] = saved.celebration.message if saved.celebration else None
    _emit(args, payload, str(saved.ask.code))
    if not args.json:
        _tell(saved.celebration)


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


def cmd_outcome(args: argparse.Namespace) -> None:
    from django.http import Http404

    from nomentum.asks.access import find_ask_for_user
    from nomentum.asks.forms import OutcomeForm
    from nomentum.asks.serialize import ask_as_dict

    user = _user(args)
    form = OutcomeForm(
        {
            "outcome": _choice(args.outcome),
            "sting_after": "" if args.sting is None else args.sting,
            "lesson": args.lesson or "",
            "objections": [(_choice(o) or "").replace("_", "-") for o in args.objection or []],
            "missing_skill": args.missing_skill or "",
            "who_else": args.who_else or "",
            "invited_after": args.invited_after or "",
        }
    )
    if not form.is_valid():
        flags = {
            "outcome": "OUTCOME",
            "sting_after": "--sting",
            "objections": "--objection",
            "invited_after": "--invited-after",
            "who_else": "--who-else",
            "missing_skill": "--missing-skill",
        }
        raise CliError(_first_error(form, flags))
    try:
        ask = find_ask_for_user(user, args.code)
    except Http404 as exc:
        raise CliError(f"{exc} ({args.code})") from None
    saved = form.record(ask)
    payload = ask_as_dict(saved.ask)
    payload["celebration"] = saved.celebration.message if saved.celebration else None
    _emit(args, payload, f"{saved.ask.code}: {saved.ask.get_outcome_display()}")
    if not args.json:
        _tell(saved.celebration)


def cmd_guard(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from nomentum.asks.access import find_contacts
    from nomentum.asks.services import check_ask

    user = _user(args)
    person, company = find_contacts(user, args.to or "")
    verdict = check_ask(user, args.text, person, company, timezone.localdate())
    text = "Fine to ask." if verdict.allowed else verdict.message()
    _emit(args, verdict.as_dict(), text)


def _followup_dict(f) -> dict:
    return {
        "code": str(f.code),
        "due": f.due.isoformat(),
        "kind": f.kind,
        "text": f.text,
        "to": f.ask.to if f.ask else (f.contact.name if f.contact else ""),
        "ask": str(f.ask.code) if f.ask else None,
    }


def cmd_followups(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from nomentum.asks.access import followups_for_user

    user = _user(args)
    open_ones = followups_for_user(user).filter(status="open")
    if not args.all:
        open_ones = open_ones.filter(due__lte=timezone.localdate())
    rows = [_followup_dict(f) for f in open_ones]
    lines = [f"{r['due']}  {r['text']}" for r in rows] or ["Nothing due. Nice."]
    _emit(args, {"count": len(rows), "followups": rows}, "\n".join(lines))


def cmd_remind(args: argparse.Namespace) -> None:
    from nomentum.asks.reminders import send_due_reminders

    sent = send_due_reminders()
    _emit(args, {"sent": sent}, f"Sent {sent} reminder{'s' if sent != 1 else ''}.")


def cmd_import(args: argparse.Namespace) -> None:
    from pathlib import Path

    from nomentum.asks import importer

    user = _user(args)
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise CliError(f"FILE: cannot read {path}: {exc.strerror}") from None
    try:
        if args.dry_run:
            result = importer.preview(user, content, path.name)
        else:
            result = importer.run(user, content, path.name, override=args.anyway)
    except importer.ImportFileError as exc:
        raise CliError(str(exc)) from None
    data = {
        "mapping": result.mapping,
        "ignored": result.ignored,
        "new": len(result.new),
        "duplicates": result.duplicates,
        "imported": 0 if (args.dry_run or result.problems) else len(result.new),
        "problems": [{"row": r.number, "problems": r.problems} for r in result.problems],
    }
    if result.problems:
        if args.json:
            _emit(args, data, "")
        raise CliError(importer.summary(result))
    verb = "Would import" if args.dry_run else "Imported"
    _emit(args, data, f"{verb} {len(result.new)} asks; {result.duplicates} already in your log.")


def cmd_token_create(args: argparse.Namespace) -> None:
    from nomentum.accounts.services import create_token

    user = _user(args)
    token, secret = create_token(user, read_only=args.read_only, name=args.name or "")
    _emit(
        args,
        {"id": str(token.code), "token": secret, "read_only": token.read_only},
        f"{secret}\n(id {token.code}; shown once — keep it somewhere safe)",
    )


def cmd_token_revoke(args: argparse.Namespace) -> None:
    from nomentum.accounts.models import ApiToken
    from nomentum.accounts.services import revoke_token

    user = _user(args)
    token = ApiToken.objects.filter(user=user, revoked_at=None, code__startswith=args.id).first()
    if token is None or len(args.id) < 4:
        raise CliError(f"ID: no active token {args.id!r}")
    revoke_token(token)
    _emit(args, {"id": str(token.code), "revoked": True}, f"Revoked {token.code}.")


EXPORT_FORMATS = ("csv", "xlsx", "json", "ics")


def cmd_export(args: argparse.Namespace) -> None:
    from pathlib import Path

    from nomentum.accounts import export
    from nomentum.asks.access import followups_for_user
    from nomentum.asks.calendar import followups_ics

    user = _user(args)
    target = Path(args.output)
    if target.exists() and not args.force:
        raise CliError(f"-o: {target} already exists (add --force to replace it)")
    if args.format == "csv":
        data = export.asks_csv(user)
    elif args.format == "xlsx":
        data = export.asks_xlsx(user)
    elif args.format == "json":
        data = json.dumps(export.account_json(user), ensure_ascii=False, indent=1).encode()
    else:
        data = followups_ics(list(followups_for_user(user).filter(status="open")))
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
    from nomentum.asks.access import asks_for_user
    from nomentum.asks.models import Outcome
    from nomentum.asks.serialize import ask_as_dict

    user = _user(args)
    asks = asks_for_user(user).filter(self_rejection=False).order_by("date", "id")
    if args.outcome:
        outcome = _choice(args.outcome)
        if outcome not in Outcome.values:
            raise CliError(f"--outcome: use one of {', '.join(Outcome.values)}")
        asks = asks.filter(outcome=outcome)
    if args.since:
        asks = asks.filter(date__gte=_date(args.since, "--since"))
    if args.json:
        rows = [ask_as_dict(ask) for ask in asks.iterator(chunk_size=2000)]
        _emit(args, {"count": len(rows), "asks": rows}, "")
        return
    count = 0
    for ask in asks.iterator(chunk_size=2000):
        count += 1
        to = f"  ({ask.to})" if ask.to else ""
        print(f"{ask.short_code}  {ask.date}  {ask.outcome:<11}  {ask.request}{to}")
    if count == 0:
        print('No asks yet. Log one with: nomentum log "What you asked for"')


def _date(value: str, flag: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{flag}: use a date like 2026-11-22 (got {value!r})") from None


def _challenge_progress(user):
    from django.utils import timezone

    from nomentum.challenges.access import challenges_for_user
    from nomentum.challenges.progress import progress_for

    challenges = list(challenges_for_user(user).prefetch_related("goals"))
    return progress_for(user, challenges, timezone.localdate())


def _challenge_line(p) -> str:
    pace = p.pace
    line = f"{p.challenge.name}: {pace.counted}/{p.challenge.target} ({pace.status})"
    if p.status == "active":
        line += f", {pace.needed_this_week} more this week, {pace.days_left} days left"
        if p.stage:
            line += f", week {pace.stage}: {p.stage.name}"
    elif p.status == "upcoming":
        line += f", starts {p.challenge.start}"
    return line


def cmd_stats(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from nomentum.challenges.progress import stats_with_challenges

    user = _user(args)
    summary, progress = stats_with_challenges(user, timezone.localdate())
    o = summary["outcomes"]
    rate = "—" if summary["yes_rate"] is None else f"{summary['yes_rate']:.0%}"
    lines = [
        f"{summary['asks']} asks: {o['no']} no, {o['yes']} yes, {o['partial']} partial, "
        f"{o['no_response']} no response, {o['pending']} pending. Yes rate {rate}.",
        *(_challenge_line(p) for p in progress),
    ]
    _emit(args, summary, "\n".join(lines))


COUNTS_FLAGS = {"no": "no", "no+silence": "no+silence", "all": "all"}


def cmd_challenge_start(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from nomentum.challenges import services
    from nomentum.challenges.catalog import TEMPLATES
    from nomentum.challenges.forms import ChallengeForm
    from nomentum.challenges.progress import progress_for

    user = _user(args)
    if args.template not in TEMPLATES:
        raise CliError(f"TEMPLATE: use one of {', '.join(TEMPLATES)}")
    template = TEMPLATES[args.template]
    today = timezone.localdate()
    start = _date(args.start, "--start") if args.start else template.default_start(today)
    if args.days is not None and not 1 <= args.days <= 3650:
        raise CliError("--days: a challenge lasts 1 to 3,650 days")
    data = ChallengeForm.initial_for(args.template, today)
    data.update(
        start=start,
        end=template.end_for(start, args.days),
        name=args.name or template.default_name(start),
        counts=args.counts or "no",
        categories=[_choice(c) for c in args.category or []],
    )
    if args.target is not None:
        data["target"] = args.target
    if args.weekly_goal is not None:
        data["weekly_goal"] = args.weekly_goal
    form = ChallengeForm({k: v for k, v in data.items() if v is not None}, owner=user)
    if not form.is_valid():
        flags = {
            "target": "--target",
            "start": "--start",
            "end": "--days",
            "name": "--name",
            "counts": "--counts",
            "categories": "--category",
            "weekly_goal": "--weekly-goal",
            "template": "TEMPLATE",
        }
        raise CliError(_first_error(form, flags))
    challenge = services.start_challenge(user, form.cleaned_data)
    [progress] = progress_for(user, [challenge], today)
    _emit(args, progress.as_dict(), f"{challenge.code}  {_challenge_line(progress)}")


def cmd_challenge_list(args: argparse.Namespace) -> None:
    user = _user(args)
    progress = _challenge_progress(user)
    if args.json:
        _emit(args, {"challenges": [p.as_dict() for p in progress]}, "")
        return
    for p in progress:
        print(f"{p.challenge.code.hex[:8]}  {p.status:<8}  {_challenge_line(p)}")
    if not progress:
        print("No challenges yet. Start one with: nomentum challenge start 100-in-30")


def _candidate_dict(candidate) -> dict:
    return {"text": candidate.text, "tier": candidate.tier, "area": candidate.area}


def cmd_plan(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from nomentum.coach import services
    from nomentum.coach.access import current_plan
    from nomentum.coach.forms import QuestionnaireForm

    user = _user(args)
    asked = any(
        v is not None
        for v in (args.areas, args.fears, args.fear_picks, args.comfort, args.weeks, args.target)
    )
    plan = current_plan(user)
    if asked or plan is None:
        previous = (
            {}
            if plan is None
            else {
                "areas": plan.areas,
                "fears": plan.fears,
                "comfort": plan.comfort,
                "weeks": plan.weeks,
                "target": plan.target,
                "fear_text": plan.fear_text,
            }
        )
        data = {
            "areas": _split(args.areas)
            if args.areas is not None
            else previous.get("areas", ["everyday", "career"]),
            "fear_text": args.fears if args.fears is not None else previous.get("fear_text", ""),
            "fears": _split(args.fear_picks)
            if args.fear_picks is not None
            else previous.get("fears", []),
            "comfort": _given(args.comfort, previous.get("comfort", 2)),
            "weeks": _given(args.weeks, previous.get("weeks", 4)),
            "target": _given(args.target, previous.get("target", 30)),
        }
        form = QuestionnaireForm(data)
        if not form.is_valid():
            flags = {
                "areas": "--areas",
                "fears": "--fear-picks",
                "fear_text": "--fears",
                "comfort": "--comfort",
                "weeks": "--weeks",
                "target": "--target",
            }
            raise CliError(_first_error(form, flags))
        plan = services.create_plan(user, form.cleaned_data, timezone.localdate(), args.seed)
    items = list(plan.items.all())
    weeks = [
        {"week": n, "target": target, "ideas": [_candidate_dict(i) for i in items if i.week == n]}
        for n, target in enumerate(plan.weekly_targets, 1)
    ]
    data = {
        "code": str(plan.code),
        "start": plan.start.isoformat(),
        "source": plan.source,
        "note": plan.note,
        "weeks": weeks,
    }
    lines = [plan.note] if plan.note else []
    for week in weeks:
        lines.append(f"Week {week['week']}: {week['target']} asks")
        lines.extend(f"  [{i['tier']}] {i['text']}" for i in week["ideas"])
    _emit(args, data, "\n".join(lines))


def _given(value, default):
    return default if value is None else value


def _split(value: str) -> list[str]:
    return [part.strip().lower() for part in value.split(",") if part.strip()]


def cmd_today(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from nomentum.coach.services import idea_for_today

    user = _user(args)
    idea = idea_for_today(user, timezone.localdate())
    if idea is None:
        raise CliError("no ideas left: add your own in the idea library")
    _emit(args, _candidate_dict(idea), f"{idea.text}  ({idea.area}, {idea.tier})")


# Parser --------------------------------------------------------------------


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

    challenge = sub.add_parser("challenge", help="start or list challenges")
    csub = challenge.add_subparsers(dest="action", required=True, parser_class=_Parser)
    p = csub.add_parser("start", help="start a challenge", parents=[common])
    p.add_argument("template", help="100-in-30, 1000-in-365, monthly-group or custom")
    p.add_argument("--target", type=_int("--target"))
    p.add_argument("--days", type=_int("--days"))
    p.add_argument("--start", help="YYYY-MM-DD (default today; monthly-group: the 1st)")
    p.add_argument("--counts", choices=list(COUNTS_FLAGS), help="what counts (default no)")
    p.add_argument("--name")
    p.add_argument("--category", action="append", help="count only this category (repeatable)")
    p.add_argument("--weekly-goal", type=_int("--weekly-goal"))
    p.set_defaults(func=cmd_challenge_start)
    p = csub.add_parser("list", help="your challenges", parents=[common])
    p.set_defaults(func=cmd_challenge_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _setup_django()
        if args.func not in (cmd_serve, cmd_migrate, cmd_adduser):
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
