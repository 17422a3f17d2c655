"""stats, challenge start, challenge list, rest: the challenges app's use cases from a shell."""

import argparse

from nomentum.cli.base import choice, day, emit, run, short, whole

COUNTS = ("no", "no+silence", "all")


def challenge_line(c: dict) -> str:
    line = f"{c['name']}: {c['counted']}/{c['target']} ({c['pace']})"
    if c["status"] == "active":
        line += f", {c['needed_this_week']} more this week, {c['days_left']} days left"
        if c.get("resting"):
            line += ", resting today"
        offer = c.get("catch_up")
        if offer:
            line += (
                f"; {offer['behind']} below the line: at most {offer['per_day']} a day, or "
                f"extend by {offer['extend_days']} days, or aim for {offer['lower_to']}"
            )
        if c["stage_name"]:
            line += f", week {c['stage']}: {c['stage_name']}"
    elif c["status"] == "upcoming":
        line += f", starts {c['start']}"
    return line


def cmd_stats(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.challenges import services
        from nomentum.challenges.schemas import StatsOut
        from nomentum.schemas import dump

        return dump(StatsOut.of(services.stats(user)))

    summary = run(args, local, lambda server: server.call("GET", "/stats"))
    o = summary["outcomes"]
    rate = "—" if summary["yes_rate"] is None else f"{summary['yes_rate']:.0%}"
    lines = [
        f"{summary['asks']} asks: {o['no']} no, {o['yes']} yes, {o['partial']} partial, "
        f"{o['no_response']} no response, {o['pending']} pending. Yes rate {rate}.",
        *(challenge_line(c) for c in summary["challenges"]),
    ]
    emit(args, summary, "\n".join(lines))


def cmd_challenge_start(args: argparse.Namespace) -> None:
    given = {
        "name": args.name,
        "target": args.target,
        "start": day(args.start, "--start").isoformat() if args.start else None,
        "days": args.days,
        "counts": args.counts,
        "categories": [choice(c) for c in args.categories or []],
        "weekly_goal": args.weekly_goal,
    }

    def local(user):
        from django.utils import timezone

        from nomentum.challenges import services
        from nomentum.challenges.forms import ChallengeForm
        from nomentum.challenges.schemas import ChallengeOut
        from nomentum.errors import valid
        from nomentum.schemas import dump

        form = ChallengeForm.for_template(user, args.template, given, timezone.localdate())
        [progress] = services.progress(user, [services.start_challenge(user, valid(form))])
        return dump(ChallengeOut.of(progress))

    def remote(server):
        body = {k: v for k, v in given.items() if v not in (None, [])}
        return server.call("POST", "/challenges", {"template": args.template, **body})

    started = run(args, local, remote)
    emit(args, started, f"{started['code']}  {challenge_line(started)}")


def cmd_challenge_list(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.challenges import services
        from nomentum.challenges.schemas import ChallengeOut
        from nomentum.schemas import dump

        return {"challenges": [dump(ChallengeOut.of(p)) for p in services.progress(user)]}

    found = run(args, local, lambda server: server.call("GET", "/challenges"))
    lines = [
        f"{short(c['code'])}  {c['status']:<8}  {challenge_line(c)}" for c in found["challenges"]
    ] or ["No challenges yet. Start one with: nomentum challenge start 100-in-30"]
    emit(args, found, "\n".join(lines))


def cmd_rest(args: argparse.Namespace) -> None:
    given = {"date": day(args.date, "DATE").isoformat() if args.date else None, "days": args.days}

    def local(user):
        from django.utils import timezone

        from nomentum.challenges import services
        from nomentum.challenges.forms import RestForm
        from nomentum.challenges.schemas import RestOut
        from nomentum.errors import valid
        from nomentum.forms import form_data
        from nomentum.schemas import dump

        today = timezone.localdate()
        data = valid(RestForm(form_data(given), today=today))
        new = services.take_rest(user, data)
        return dump(RestOut(rest_days=new, message=services.rest_message(new, data, today)))

    def remote(server):
        return server.call("POST", "/rest", {k: v for k, v in given.items() if v is not None})

    rested = run(args, local, remote)
    emit(args, rested, rested["message"])


def register(sub, common, parser_class) -> None:
    p = sub.add_parser("stats", help="totals, rates and challenges", parents=[common])
    p.set_defaults(func=cmd_stats, parser=p)

    challenge = sub.add_parser("challenge", help="start or list challenges")
    csub = challenge.add_subparsers(dest="action", required=True, parser_class=parser_class)
    p = csub.add_parser("start", help="start a challenge", parents=[common])
    p.add_argument(
        "template", metavar="TEMPLATE", help="100-in-30, 1000-in-365, monthly-group or custom"
    )
    p.add_argument("--target", type=whole("--target"))
    p.add_argument("--days", type=whole("--days"))
    p.add_argument("--start", help="YYYY-MM-DD (default today; monthly-group: the 1st)")
    p.add_argument("--counts", choices=COUNTS, help="what counts (default no)")
    p.add_argument("--name")
    p.add_argument(
        "--category",
        dest="categories",
        action="append",
        help="count only this category (repeatable)",
    )
    p.add_argument("--weekly-goal", type=whole("--weekly-goal"))
    p.set_defaults(func=cmd_challenge_start, parser=p)
    p = csub.add_parser("list", help="your challenges", parents=[common])
    p.set_defaults(func=cmd_challenge_list, parser=p)

    p = sub.add_parser("rest", help="mark rest days: challenges' lines wait", parents=[common])
    p.add_argument("date", metavar="DATE", nargs="?", help="the first rest day (default today)")
    p.add_argument("--days", type=whole("--days"), help="how many days (default 1, up to 30)")
    p.set_defaults(func=cmd_rest, parser=p)
