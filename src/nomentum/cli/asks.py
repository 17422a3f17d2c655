"""log, outcome, list, guard, followups: the asks app's use cases from a shell."""

import argparse
import hashlib
import uuid

from nomentum.cli.base import (
    CliError,
    choice,
    day,
    emit,
    path,
    run,
    scale,
    short,
    tell,
)

OUTCOME_LABELS = {"no_response": "No response", "partial": "Partial / counter-offer"}


def cmd_log(args: argparse.Namespace) -> None:
    data = {
        "request": args.request,
        "to": args.to or "",
        "method": choice(args.method) or "",
        "pitch": args.pitch or "",
        "category": choice(args.category) or "",
        "tier": choice(args.tier) or "",
        "outcome": choice(args.outcome) or "pending",
        "date": day(args.date, "--date").isoformat() if args.date else "",
        "fear_before": scale(args.fear_before),
        "sting_after": scale(args.sting_after),
        "lessons": args.lessons or "",
        "worst_case": args.worst_case or "",
        "best_case": args.best_case or "",
        "follow_up": args.follow_up or "",
        "notes": args.notes or "",
        "game_changer": args.game_changer,
        "self_rejection": args.self_rejection,
        "override": args.override,
    }

    body = {k: v for k, v in data.items() if v != "" or k == "request"}
    # --key makes a re-run of the same command (after a crash, a timeout) log it once.
    key = _derived_key(args.key) if args.key else str(uuid.uuid4())

    def local(user):
        from nomentum.asks import services
        from nomentum.asks.forms import AskForm
        from nomentum.asks.schemas import AskSaved
        from nomentum.errors import valid
        from nomentum.forms import form_data
        from nomentum.schemas import dump

        cleaned = valid(AskForm(form_data(data)))
        if not args.key:
            return dump(AskSaved.of(services.log_ask(user, cleaned)))
        return dump(
            AskSaved.of(services.log_ask_once(user, cleaned, key, services.fingerprint(body)))
        )

    def remote(server):
        return server.call("POST", "/asks", body, headers={"Idempotency-Key": key})

    saved = run(args, local, remote)
    emit(args, saved, saved["code"])
    if not args.json:
        tell(saved["celebration"])


def _derived_key(key: str) -> str:
    """The Idempotency-Key a --key stands for: any length in, a fixed-length key out."""
    return "cli-" + hashlib.sha256(key.encode()).hexdigest()[:40]


def cmd_outcome(args: argparse.Namespace) -> None:
    data = {
        "outcome": choice(args.outcome) or "",
        "sting_after": scale(args.sting_after),
        "lesson": args.lesson or "",
        "objections": [(choice(o) or "").replace("_", "-") for o in args.objections or []],
        "missing_skill": args.missing_skill or "",
        "who_else": args.who_else or "",
        "invited_after": args.invited_after or "",
    }
    if len(args.code.replace("-", "")) < 4:
        raise CliError(f"No such ask: give at least 4 characters of its code ({args.code})")

    def local(user):
        from nomentum.asks import services
        from nomentum.asks.access import find_ask_for_user
        from nomentum.asks.forms import OutcomeForm
        from nomentum.asks.schemas import AskSaved
        from nomentum.errors import valid
        from nomentum.schemas import dump

        answer = valid(OutcomeForm(data))
        return dump(AskSaved.of(services.record_answer(find_ask_for_user(user, args.code), answer)))

    def remote(server):
        body = {k: v for k, v in data.items() if v != ""}
        return server.call("POST", f"/asks/{path(args.code)}/outcome", body)

    saved = run(args, local, remote)
    label = OUTCOME_LABELS.get(saved["outcome"], saved["outcome"].capitalize())
    emit(args, saved, f"{saved['code']}: {label}")
    if not args.json:
        tell(saved["celebration"])


def cmd_list(args: argparse.Namespace) -> None:
    outcome = choice(args.outcome) or ""
    since = day(args.since, "--since") if args.since else None

    def local(user):
        from nomentum.asks import services
        from nomentum.asks.schemas import AskOut
        from nomentum.schemas import dump

        found = services.list_asks(user, outcome, since, oldest_first=True)
        asks = [dump(AskOut.from_orm(a)) for a in found.iterator(chunk_size=2000)]
        return {"count": len(asks), "asks": asks}

    def remote(server):
        asks: list = []
        while True:
            query = {"outcome": outcome, "since": since, "order": "oldest"}
            page = server.call("GET", "/asks", query=query | {"limit": 500, "offset": len(asks)})
            asks += page["items"]
            if not page["items"] or len(asks) >= page["count"]:
                return {"count": len(asks), "asks": asks}

    found = run(args, local, remote)
    lines = []
    for ask in found["asks"]:
        to = f"  ({ask['to']})" if ask["to"] else ""
        lines.append(
            f"{short(ask['code'])}  {ask['date']}  {ask['outcome']:<11}  {ask['request']}{to}"
        )
    if not lines:
        lines.append('No asks yet. Log one with: nomentum log "What you asked for"')
    emit(args, found, "\n".join(lines))


def cmd_guard(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.asks import services
        from nomentum.asks.schemas import GuardOut
        from nomentum.schemas import dump

        return dump(GuardOut.from_orm(services.guard_ask(user, args.text, args.to or "")))

    def remote(server):
        return server.call("POST", "/guard", {"text": args.text, "to": args.to or ""})

    verdict = run(args, local, remote)
    reasons = " ".join(verdict["reasons"])
    if verdict["alternative"]:
        reasons += f" Instead: {verdict['alternative']}"
    emit(args, verdict, "Fine to ask." if verdict["allowed"] else reasons)


def cmd_followups(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.asks import services
        from nomentum.asks.schemas import FollowUpOut
        from nomentum.schemas import dump

        found = [dump(FollowUpOut.from_orm(f)) for f in services.open_followups(user, not args.all)]
        return {"count": len(found), "followups": found}

    def remote(server):
        return server.call("GET", "/followups", query={"all": args.all})

    found = run(args, local, remote)
    lines = [f"{r['due']}  {r['text']}" for r in found["followups"]] or ["Nothing due. Nice."]
    emit(args, found, "\n".join(lines))


def register(sub, common) -> None:
    p = sub.add_parser("log", help="log an ask; prints its code", parents=[common])
    p.add_argument("request")
    p.add_argument(
        "--key", help="an idempotency key: running the same command again logs the ask once"
    )
    p.add_argument("--to", help='"PERSON, COMPANY"')
    p.add_argument("--via", dest="method", help="email, linkedin, phone, in_person, …")
    p.add_argument("--pitch", help="the name of the message version you used")
    p.add_argument("--tier", help="comfort, stretch or moonshot")
    p.add_argument("--category", help="job, pitch, networking, sales, creative, social, …")
    p.add_argument("--outcome", help="pending (default), yes, no, no-response, partial")
    p.add_argument("--fear", dest="fear_before", help="fear before, 0-10")
    p.add_argument("--sting", dest="sting_after", help="sting after, 0-10")
    p.add_argument("--date", help="YYYY-MM-DD (default today)")
    p.add_argument("--lesson", dest="lessons")
    p.add_argument("--worst", dest="worst_case", help="before you ask: the worst that could happen")
    p.add_argument("--best", dest="best_case", help="…and the best that could happen")
    p.add_argument("--follow-up")
    p.add_argument("--notes")
    p.add_argument("--game-changer", action="store_true")
    p.add_argument("--self-rejection", action="store_true", help="you talked yourself out of it")
    p.add_argument(
        "--anyway",
        dest="override",
        action="store_true",
        help="log it although the text check objects (noted on the ask)",
    )
    p.set_defaults(func=cmd_log, parser=p)

    p = sub.add_parser("outcome", help="record what happened", parents=[common])
    p.add_argument("code", help="the ask's code (or its first 4+ characters)")
    p.add_argument("outcome", help="yes, no, no-response, partial or pending")
    p.add_argument("--sting", dest="sting_after", help="sting after, 0-10")
    p.add_argument("--lesson")
    p.add_argument(
        "--objection",
        dest="objections",
        action="append",
        help="timing, budget, fit, experience, no-reason, not-hiring, "
        "already-have, other (repeatable)",
    )
    p.add_argument("--missing-skill")
    p.add_argument("--who-else", help='someone they suggested: "PERSON, COMPANY"')
    p.add_argument("--invited-after", help="YYYY-MM-DD: they invited you to ask again after")
    p.set_defaults(func=cmd_outcome, parser=p)

    p = sub.add_parser("guard", help="run the ethics guard on a prospective ask", parents=[common])
    p.add_argument("text")
    p.add_argument("--to", help='"PERSON, COMPANY"')
    p.set_defaults(func=cmd_guard, parser=p)

    p = sub.add_parser("followups", help="follow-ups that are due", parents=[common])
    p.add_argument("--all", action="store_true", help="every open follow-up, not only due ones")
    p.set_defaults(func=cmd_followups, parser=p)

    p = sub.add_parser("list", help="your log, oldest first", parents=[common])
    p.add_argument("--outcome")
    p.add_argument("--since", help="YYYY-MM-DD")
    p.set_defaults(func=cmd_list, parser=p)
