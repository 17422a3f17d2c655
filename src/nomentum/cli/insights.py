"""insights: what your log shows about you, from a shell."""

import argparse

from nomentum.cli.base import emit, run


def _pct(x) -> str:
    return "—" if x is None else f"{round(x * 100)}%"


def cmd_insights(args: argparse.Namespace) -> None:
    def local(user):
        from django.utils import timezone

        from nomentum.insights import services
        from nomentum.insights.schemas import InsightsOut
        from nomentum.schemas import dump

        found, mix = services.insights_and_mix(user, timezone.localdate())
        return dump(InsightsOut.of(found, mix))

    data = run(args, local, lambda server: server.call("GET", "/insights"))
    yes = data["yes"]
    lines = [
        f"{data['asks']} asks, {data['answered']} answered, yes rate {_pct(yes['rate'])}"
        + (f" (95% {_pct(yes['low'])}–{_pct(yes['high'])})" if yes["low"] is not None else ""),
    ]
    weeks = [w for w in data["fear_curve"] if w["fear_before"] is not None]
    if len(weeks) >= 2:
        lines.append(
            f"Fear before asking: {weeks[0]['fear_before']} in week {weeks[0]['week']}, "
            f"{weeks[-1]['fear_before']} in week {weeks[-1]['week']}"
        )
    for tier in data["calibration"]:
        no = tier["no"]
        ladder = _pct(tier["expected_no"])
        lines.append(f"{tier['tier']}: {_pct(no['rate'])} no of {no['n']} (ladder {ladder})")
    lines.append(f"Streak: {data['streak']} day{'s' if data['streak'] != 1 else ''}")
    emit(args, data, "\n".join(lines))


def register(sub, common) -> None:
    p = sub.add_parser("insights", help="what your log shows about you", parents=[common])
    p.set_defaults(func=cmd_insights, parser=p)
