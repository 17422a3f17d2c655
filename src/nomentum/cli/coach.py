"""plan and today: the coach's use cases from a shell."""

import argparse

from nomentum.cli.base import emit, run, split, whole


def cmd_plan(args: argparse.Namespace) -> None:
    answers = {
        "areas": split(args.areas) if args.areas is not None else None,
        "fear_text": args.fear_text,
        "fears": split(args.fears) if args.fears is not None else None,
        "comfort": args.comfort,
        "weeks": args.weeks,
        "target": args.target,
    }
    asked = any(v is not None for v in answers.values())

    def local(user):
        from django.utils import timezone

        from nomentum.coach import services
        from nomentum.coach.access import current_plan
        from nomentum.coach.forms import QuestionnaireForm
        from nomentum.coach.schemas import PlanOut
        from nomentum.errors import valid
        from nomentum.schemas import dump

        plan = current_plan(user)
        if asked or args.seed is not None or plan is None:
            form = QuestionnaireForm.for_answers(plan, answers | {"seed": args.seed})
            plan = services.create_plan(user, valid(form), timezone.localdate())
        return dump(PlanOut.from_orm(plan))

    def remote(server):
        from nomentum.errors import NotFound

        if not asked and args.seed is None:
            try:
                return server.call("GET", "/plan")
            except NotFound:
                pass  # no plan yet: make one from the defaults
        return server.call("POST", "/plan", answers | {"seed": args.seed})

    plan = run(args, local, remote)
    lines = [plan["note"]] if plan["note"] else []
    for week in plan["weeks"]:
        lines.append(f"Week {week['week']}: {week['target']} asks")
        lines.extend(f"  [{i['tier']}] {i['text']}" for i in week["ideas"])
    emit(args, plan, "\n".join(lines))


def cmd_today(args: argparse.Namespace) -> None:
    def local(user):
        from django.http import Http404
        from django.utils import timezone

        from nomentum.coach import services
        from nomentum.coach.schemas import IdeaOut
        from nomentum.schemas import dump

        idea = services.idea_for_today(user, timezone.localdate())
        if idea is None:
            raise Http404("No ideas left: add your own in the idea library.")
        return dump(IdeaOut.from_orm(idea))

    idea = run(args, local, lambda server: server.call("GET", "/today"))
    emit(args, idea, f"{idea['text']}  ({idea['area']}, {idea['tier']})")


def register(sub, common) -> None:
    p = sub.add_parser("plan", help="your plan, or a new one from these answers", parents=[common])
    p.add_argument("--areas", help="career,creative,business,social,dating,everyday,learning")
    p.add_argument("--fears", dest="fear_text", help="what scares you, in your own words")
    p.add_argument(
        "--fear-picks",
        dest="fears",
        help="strangers,senior,money,judged,phone,romance,speaking,applying",
    )
    p.add_argument("--comfort", type=whole("--comfort"), help="1 (very anxious) to 5")
    p.add_argument("--weeks", type=whole("--weeks"))
    p.add_argument("--target", type=whole("--target"))
    p.add_argument("--seed", type=whole("--seed"), help="the same seed gives the same plan")
    p.set_defaults(func=cmd_plan, parser=p)

    p = sub.add_parser("today", help="one ask idea for today", parents=[common])
    p.set_defaults(func=cmd_today, parser=p)
