"""Every change to plans and ideas goes through these functions (web and CLI)."""

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from nomentum.accounts.models import User
from nomentum.asks.guard import check_text
from nomentum.coach import ai
from nomentum.coach.access import current_plan, ideas_for_user
from nomentum.coach.models import Idea, IdeaMark, Plan, PlanItem
from nomentum.coach.planner import TIERS, Candidate, Questionnaire, make_plan

AI_BONUS = 3.0  # personalised ideas win over library ideas of the same fit


def pool_for(user: User) -> list[Candidate]:
    """Library and own ideas the user has neither hidden nor done yet."""
    skip = set(
        IdeaMark.objects.filter(user=user)
        .exclude(hidden=False, done_on=None)
        .values_list("idea_id", flat=True)
    )
    return [
        Candidate(i.text, i.area, i.tier, i.setting, idea_id=i.pk)
        for i in ideas_for_user(user).order_by("id")
        if i.pk not in skip
    ]


def _answers(plan: Plan) -> Questionnaire:
    return Questionnaire(
        areas=tuple(plan.areas),
        fears=tuple(plan.fears),
        fear_text=plan.fear_text,
        comfort=plan.comfort,
        weeks=plan.weeks,
        target=plan.target,
    )


def _fill(plan: Plan) -> None:
    answers = _answers(plan)
    pool = pool_for(plan.owner)
    plan.source, plan.note = "built-in", ""
    if ai.configured():
        answer = ai.plan_ideas(
            list(answers.areas),
            list(answers.fears),
            answers.fear_text,
            per_tier=max(3, answers.weeks * 2),
        )
        if answer.ok and answer.ideas:
            pool = [Candidate(i.text, i.area, i.tier, bonus=AI_BONUS) for i in answer.ideas] + pool
            plan.source = "ai"
        else:
            plan.note = f"{answer.problem} This plan comes from the built-in coach."
    weeks = make_plan(answers, pool, plan.seed)
    plan.weekly_targets = [w.target for w in weeks]
    plan.save()
    plan.items.all().delete()
    PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            week=w.week,
            position=n,
            idea_id=c.idea_id,
            text=c.text,
            tier=c.tier,
            area=c.area,
        )
        for w in weeks
        for n, c in enumerate(w.ideas)
    )


@transaction.atomic
def create_plan(user: User, data: dict[str, Any], start: date, seed: int | None = None) -> Plan:
    """A new plan from the questionnaire's cleaned answers (a ``seed`` among them, or
    given, makes the same plan again)."""
    if seed is None:
        seed = data.get("seed")
    plan = Plan(
        owner=user,
        start=start,
        seed=seed if seed is not None else random.randrange(1, 10**9),
        areas=list(data["areas"]),
        fears=list(data.get("fears") or []),
        fear_text=data.get("fear_text") or "",
        comfort=data["comfort"],
        weeks=data["weeks"],
        target=data["target"],
    )
    _fill(plan)
    return plan


@transaction.atomic
def regenerate_plan(plan: Plan, seed: int | None = None) -> Plan:
    plan.seed = seed if seed is not None else random.randrange(1, 10**9)
    _fill(plan)
    return plan


@transaction.atomic
def set_item_done(item: PlanItem, done: bool, today: date) -> PlanItem:
    item.done = done
    item.save(update_fields=["done"])
    if item.idea is not None:
        set_idea_done(item.plan.owner, item.idea, today if done else None)
    return item


@transaction.atomic
def swap_item(item: PlanItem) -> PlanItem | None:
    """Replace an item with another unused idea of the same tier in the plan's areas."""
    plan = item.plan
    in_plan = set(plan.items.values_list("text", flat=True))
    options = [
        c
        for c in pool_for(plan.owner)
        if c.tier == item.tier and c.area in plan.areas and c.text not in in_plan
    ]
    if not options:
        return None
    choice = random.Random(f"{plan.seed}-{item.pk}-{len(in_plan)}").choice(options)
    item.text, item.area, item.idea_id, item.done = choice.text, choice.area, choice.idea_id, False
    item.save()
    return item


@transaction.atomic
def remove_item(item: PlanItem) -> None:
    item.delete()


@transaction.atomic
def add_idea(user: User, data: dict[str, Any]) -> Idea:
    """A user's own idea (the form has already run the guard)."""
    return Idea.objects.create(owner=user, **data)


@transaction.atomic
def hide_idea(user: User, idea: Idea, hidden: bool = True) -> IdeaMark:
    mark, _ = IdeaMark.objects.get_or_create(user=user, idea=idea)
    mark.hidden = hidden
    mark.save(update_fields=["hidden"])
    return mark


@transaction.atomic
def set_idea_done(user: User, idea: Idea, done_on: date | None) -> IdeaMark:
    mark, _ = IdeaMark.objects.get_or_create(user=user, idea=idea)
    mark.done_on = done_on
    mark.save(update_fields=["done_on"])
    return mark


def idea_for_today(user: User, today: date) -> Candidate | None:
    """One ask for today: from this week of the current plan if there is one (not yet
    done), else from the library at a tier that suits the plan's stage; the choice
    changes from day to day, not from click to click."""
    rng = random.Random(f"{user.pk}-{today.isoformat()}")
    plan = current_plan(user)
    tier = "comfort"
    if plan is not None:
        week = min(max((today - plan.start).days // 7 + 1, 1), plan.weeks)
        open_items = list(plan.items.filter(week=week, done=False))
        if open_items:
            item = rng.choice(open_items)
            return Candidate(item.text, item.area, item.tier, idea_id=item.idea_id)
        this_week = list(plan.items.filter(week=week).values_list("tier", flat=True))
        tier = max(this_week, key=TIERS.index) if this_week else tier
    pool = [c for c in pool_for(user) if c.tier == tier] or pool_for(user)
    if plan is not None:
        pool = [c for c in pool if c.area in plan.areas] or pool
    return rng.choice(pool) if pool else None


def challenge_from_plan(plan: Plan):
    from nomentum.challenges import services as challenges
    from nomentum.challenges.models import Challenge

    name = f"My plan from {plan.start:%-d %b %Y}"
    taken = set(Challenge.objects.filter(owner=plan.owner).values_list("name", flat=True))
    suffix = 2
    while name in taken:
        name = f"My plan from {plan.start:%-d %b %Y} ({suffix})"
        suffix += 1
    return challenges.start_challenge(
        plan.owner,
        {
            "name": name,
            "template": "custom",
            "target": plan.target,
            "start": plan.start,
            "end": plan.start + timedelta(days=7 * plan.weeks - 1),
            "counts": "all",
            "categories": [],
        },
    )


def passes_guard(text: str) -> tuple[bool, str]:
    verdict = check_text(text)
    if verdict.allowed:
        return True, ""
    return False, f"{verdict.reasons[0]} Instead: {verdict.alternative}"
