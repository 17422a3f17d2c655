"""reflect and review: the weekly reflection and the week in review from a shell.

`nomentum reflect` reads a JSON object {prompt_id: answer} on stdin when one is piped
in, saves those answers (the others stay), and prints the week's reflection."""

import argparse
import json
import sys

from nomentum.cli.base import CliError, emit, path, run


def _piped_answers() -> dict[str, str]:
    """The answers on stdin, or {} when nothing is piped in."""
    if sys.stdin is None or sys.stdin.isatty():
        return {}
    try:
        text = sys.stdin.read()
    except OSError:  # no stdin at all
        return {}
    if not text.strip():
        return {}
    try:
        answers = json.loads(text)
    except json.JSONDecodeError:
        raise CliError('stdin: give a JSON object like {"learned": "…"}') from None
    if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
        raise CliError('stdin: give a JSON object of prompt ids and text, like {"learned": "…"}')
    return answers


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _week(args: argparse.Namespace) -> str:
    return args.week or "current"


def cmd_reflect(args: argparse.Namespace) -> None:
    answers = _piped_answers()

    def local(user):
        from nomentum.journal import services
        from nomentum.journal.schemas import ReflectionOut
        from nomentum.schemas import dump

        week = services.week_named(user, _week(args))
        if answers:
            found = services.save_answers(user, week, answers)
        else:
            found = services.reflection(user, week)
        return dump(ReflectionOut.from_orm(found))

    def remote(server):
        where = f"/journal/weeks/{path(_week(args))}"
        if answers:
            return server.call("PATCH", where, answers)
        return server.call("GET", where)

    found = run(args, local, remote)
    lines = [f"Week {found['week']} (from {found['starts_on']})"]
    for a in found["answers"]:
        lines += ["", a["prompt"], f"  {a['answer']}" if a["answer"] else "  —"]
    emit(args, found, "\n".join(lines))


def cmd_review(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.journal import services
        from nomentum.journal.schemas import ReviewOut
        from nomentum.schemas import dump

        found = services.review(user, services.week_named(user, _week(args)))
        return dump(ReviewOut.of(found, services.suggestions(found)))

    def remote(server):
        return server.call("GET", f"/journal/weeks/{path(_week(args))}/review")

    r = run(args, local, remote)
    lines = [
        f"Week {r['week']}: {r['starts_on']} – {r['ends_on']}",
        f"{r['asks']} asks · {r['nos']} no's · {r['no_response']} no reply · {r['yeses']} yeses",
    ]
    if r["fear_before"] is not None:
        lines.append(
            f"Fear before: {r['fear_before']} (before this week: "
            f"{r['fear_before_earlier'] if r['fear_before_earlier'] is not None else '—'})"
        )
    if r["sting_after"] is not None:
        lines.append(f"Sting after: {r['sting_after']}")
    for lesson in r["lessons"]:
        lines.append(
            f"  no: {lesson['request']}" + (f" — {lesson['lesson']}" if lesson["lesson"] else "")
        )
    lines += [f"* {s}" for s in r["suggestions"]]
    emit(args, r, "\n".join(lines))


def register(sub, common) -> None:
    p = sub.add_parser(
        "reflect",
        help="your weekly reflection; pipe in {prompt_id: answer} JSON to save answers",
        parents=[common],
    )
    p.add_argument("--week", help="YYYY-Www, e.g. 2026-W48 (default: this week)")
    p.set_defaults(func=cmd_reflect, parser=p)

    p = sub.add_parser("review", help="the week in review", parents=[common])
    p.add_argument("--week", help="YYYY-Www, e.g. 2026-W48 (default: this week)")
    p.set_defaults(func=cmd_review, parser=p)
