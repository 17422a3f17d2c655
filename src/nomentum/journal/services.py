"""The journal's use cases: save a week's reflection, assemble the week in review, give
feedback on it, share one lesson with a group. Every door calls these."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user, followups_for_user
from nomentum.asks.models import Ask, FollowUp, Objection, Outcome
from nomentum.challenges.access import challenges_for_user
from nomentum.coach.access import current_plan
from nomentum.errors import Invalid
from nomentum.journal import prompts
from nomentum.journal.access import reflections_for_user
from nomentum.journal.models import Reflection, SharedLesson
from nomentum.journal.weeks import Week, named, week_of

TIER_RANK = {"moonshot": 3, "stretch": 2, "comfort": 1, "": 0}
ANSWERED = (Outcome.YES, Outcome.NO, Outcome.PARTIAL, Outcome.NO_RESPONSE)


CURRENT = "current"  # the week the user is living now, in their time zone


def week_named(user: User, name: str) -> Week:
    """The user's week called ``name`` ("2026-W48", or "current"); ``Invalid`` (field
    "week") if there is none."""
    today = timezone.localdate()
    if name in ("", CURRENT):
        return this_week(user, today)
    try:
        found = named(name, user.week_start)
    except ValueError as exc:
        raise Invalid({"week": [str(exc)]}) from None
    if found.start > today:
        raise Invalid({"week": ["That week hasn't started yet: reflect on it when it comes."]})
    return found


def this_week(user: User, today: date) -> Week:
    return week_of(today, user.week_start)


# --- the reflection -------------------------------------------------------------------


def reflection(user: User, week: Week) -> Reflection:
    """The week's reflection, or an empty, unsaved one."""
    found = reflections_for_user(user).filter(week=week.name).first()
    return _in_their_week(user, found) or Reflection(
        owner=user, week=week.name, starts_on=week.start
    )


def _in_their_week(user: User, found: Reflection | None) -> Reflection | None:
    """The reflection with its first day as the user's week begins now (they may have
    changed Monday to Sunday since they wrote it)."""
    if found is not None:
        found.starts_on = named(found.week, user.week_start).start
    return found


def save_answers(user: User, week: Week, answers: dict[str, str]) -> Reflection:
    """Save these answers of the week's reflection and leave the others as they are, so
    two tabs (or a phone and a laptop) saving different prompts never lose each other's
    text. A blank answer clears that prompt."""
    if not answers:
        raise Invalid({"answers": ["Nothing to save: send at least one answer."]})
    unknown = sorted(set(answers) - set(prompts.BY_ID))
    if unknown:
        raise Invalid(
            {"answers": [f"No prompt “{unknown[0]}”: use one of {', '.join(prompts.BY_ID)}."]}
        )
    for prompt_id, text in answers.items():
        if not isinstance(text, str):
            raise Invalid({prompt_id: ["An answer is text."]})
        if len(text) > prompts.ANSWER_MAX:
            raise Invalid({prompt_id: [f"Keep an answer under {prompts.ANSWER_MAX:,} characters."]})
        if "\x00" in text:
            raise Invalid({prompt_id: ["An answer cannot contain NUL characters."]})
        if not _is_text(text):
            raise Invalid({prompt_id: ["An answer must be text (it has half a character)."]})
    with transaction.atomic():
        found = _locked(user, week)
        merged = dict(found.answers)
        for prompt_id, text in answers.items():
            if text.strip():
                merged[prompt_id] = text
            else:
                merged.pop(prompt_id, None)
        found.answers = merged
        found.save(update_fields=["answers", "updated_at"])
    return _in_their_week(user, found) or found


def _is_text(text: str) -> bool:
    """Whether ``text`` can be stored and shown: no lone halves of a character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _locked(user: User, week: Week) -> Reflection:
    """The week's reflection, created if need be, locked until the transaction ends."""
    mine = reflections_for_user(user).select_for_update()
    try:
        return mine.get(week=week.name)
    except Reflection.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # a savepoint: another tab may create it first
            return Reflection.objects.create(owner=user, week=week.name, starts_on=week.start)
    except IntegrityError:
        return mine.get(week=week.name)


def answered(found: Reflection) -> list[dict]:
    """Every prompt with its answer ("" if none), in the prompts' order."""
    return [
        {"id": p.id, "prompt": p.text, "hint": p.hint, "answer": found.answers.get(p.id, "")}
        for p in prompts.PROMPTS
    ]


def past_reflections(user: User) -> list[Reflection]:
    return [
        _in_their_week(user, r) or r
        for r in reflections_for_user(user)
        if any(v.strip() for v in r.answers.values())
    ]


# --- the week in review ---------------------------------------------------------------


@dataclass
class Review:
    week: Week
    asks: int
    nos: int
    yeses: int
    partial: int
    no_response: int
    pending: int
    game_changers: int
    no_asks: list[Ask]  # the week's no's, with their lessons and objections
    best: Ask | None  # the boldest answered ask
    self_rejections: list[Ask]
    tiers: Counter
    objections: Counter
    fear_before: float | None  # this week's mean
    sting_after: float | None
    fear_before_earlier: float | None  # the mean of every week before
    sting_after_earlier: float | None
    followups: list[FollowUp]
    challenge_days: list[tuple[str, int, int]]  # (challenge, first day, last day) of it
    next_target: int | None
    next_ideas: list = field(default_factory=list)
    reflection: Reflection = field(default_factory=Reflection)


def review(user: User, week: Week) -> Review:
    mine = asks_for_user(user)
    in_week = list(
        mine.filter(date__range=(week.start, week.end)).select_related("person", "company")
    )
    made = [a for a in in_week if not a.self_rejection]
    by_outcome = Counter(a.outcome for a in made)
    answered_asks = [a for a in made if a.outcome in (Outcome.YES, Outcome.NO, Outcome.PARTIAL)]
    best = max(
        (a for a in answered_asks if a.tier),  # boldest means highest on the ladder
        key=lambda a: (TIER_RANK[a.tier], a.outcome == Outcome.YES, a.date, a.pk),
        default=None,
    )
    earlier = mine.filter(date__lt=week.start, self_rejection=False).aggregate(
        fear=Avg("fear_before"), sting=Avg("sting_after")
    )
    nos = [a for a in made if a.outcome == Outcome.NO]
    labels = dict(Objection.choices)
    for a in nos:
        a.objection_labels = [labels.get(o, o) for o in a.objections]  # type: ignore[attr-defined]
    target, ideas = _next_week_plan(user, week.after())
    return Review(
        week=week,
        asks=len(made),
        nos=by_outcome[Outcome.NO],
        yeses=by_outcome[Outcome.YES],
        partial=by_outcome[Outcome.PARTIAL],
        no_response=by_outcome[Outcome.NO_RESPONSE],
        pending=by_outcome[Outcome.PENDING],
        game_changers=sum(a.game_changer for a in made),
        no_asks=sorted(nos, key=lambda a: (a.date, a.pk)),
        best=best,
        self_rejections=[a for a in in_week if a.self_rejection],
        tiers=Counter(a.tier or "untiered" for a in made),
        objections=Counter(o for a in nos for o in a.objections),
        fear_before=_mean(a.fear_before for a in made),
        sting_after=_mean(a.sting_after for a in made),
        fear_before_earlier=_rounded(earlier["fear"]),
        sting_after_earlier=_rounded(earlier["sting"]),
        followups=list(
            followups_for_user(user)
            .filter(status=FollowUp.Status.OPEN, due__lte=week.after().end)
            .select_related("ask", "contact")[:10]
        ),
        challenge_days=_challenge_days(user, week),
        next_target=target,
        next_ideas=ideas,
        reflection=reflection(user, week),
    )


def _mean(values) -> float | None:
    present = [v for v in values if v is not None]
    return round(float(mean(present)), 1) if present else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _challenge_days(user: User, week: Week) -> list[tuple[str, int, int]]:
    """Which days of each running challenge this week covers: "days 8–14 of 100 in 30"."""
    found = []
    for c in challenges_for_user(user).filter(start__lte=week.end, end__gte=week.start):
        first = (max(week.start, c.start) - c.start).days + 1
        last = (min(week.end, c.end) - c.start).days + 1
        found.append((c.name, first, last))
    return found


def _next_week_plan(user: User, week: Week) -> tuple[int | None, list]:
    plan = current_plan(user)
    if plan is None:
        return None, []
    number = (week.start - plan.start).days // 7 + 1
    if not 1 <= number <= len(plan.weekly_targets):
        return None, []
    ideas = [i for i in plan.items.all() if i.week == number and not i.done]
    return plan.weekly_targets[number - 1], ideas[:5]


# --- feedback -------------------------------------------------------------------------

# What to try when one objection keeps coming back: our own suggestions.
OBJECTION_ADVICE = {
    Objection.TIMING: "Timing was the most common no. Ask when would be better, and put "
    "that date in your follow-ups — a no for now is often a yes later.",
    Objection.BUDGET: "Budget came up most. Offer a smaller first step, or ask who does "
    "have the budget for this.",
    Objection.FIT: "“Not a fit” came up most. Before the next ask, write one sentence on "
    "why it fits them, or pick people closer to what you offer.",
    Objection.EXPERIENCE: "Missing experience came up most. Pick one skill they named and "
    "find a small way to show it — a project, a course, a sample.",
    Objection.NO_REASON: "Most no's came without a reason. Ask once, kindly, what would have "
    "made it a yes — then let it go.",
    Objection.NOT_HIRING: "“Not hiring” came up most. Ask for an introduction to someone "
    "who is, or for a conversation instead of a job.",
    Objection.ALREADY_HAVE: "They mostly had someone already. Ask to be the one they call "
    "when that changes, and look for people who don't.",
    Objection.OTHER: "Look at the reasons you noted: is there one you could answer in your "
    "next ask before they raise it?",
}


def suggestions(found: Review) -> list[str]:
    """Rule-based feedback from the week's own numbers: nothing leaves the server."""
    said = []
    if found.asks == 0:
        said.append(
            "A quiet week. That happens. Pick one small ask for tomorrow — a free refill counts."
        )
    if found.objections:
        top, _ = found.objections.most_common(1)[0]
        said.append(OBJECTION_ADVICE[Objection(top)])
    if found.asks >= 3 and set(found.tiers) == {"comfort"}:
        said.append(
            "Every ask this week was a comfort ask. You are ready for one stretch ask next "
            "week — something where a yes would surprise you."
        )
    rising = (
        found.sting_after is not None
        and found.sting_after_earlier is not None
        and found.sting_after >= found.sting_after_earlier + 1.5
    )
    if rising:
        said.append(
            "The no's stung more this week than before. Take a rest day — it is part of the "
            "practice — and if it feels heavy, talk to someone you trust."
        )
    if found.self_rejections:
        n = len(found.self_rejections)
        said.append(
            f"You talked yourself out of {n} ask{'s' if n != 1 else ''}. Pick one and make it "
            "next week, exactly as you first imagined it."
        )
    if found.nos and not said:
        said.append(
            f"{found.nos} no{'s' if found.nos != 1 else ''} collected. Each one is a rep: "
            "keep the pace you can keep, and make next week's first ask a little bolder."
        )
    return said or ["Answer a prompt or two and log your asks: the review fills in as you go."]


@dataclass(frozen=True)
class Feedback:
    source: str  # "ai" or "rules"
    items: list[str]
    note: str = ""  # why the rules answered although the AI coach is set up


def feedback(user: User, week: Week) -> Feedback:
    """The AI coach's feedback on the reflection when it is set up and answers well;
    otherwise (and always without it) suggestions from the week's numbers."""
    from nomentum.asks.guard import check_text
    from nomentum.coach import ai

    found = review(user, week)
    rules = suggestions(found)
    if not ai.configured():
        return Feedback("rules", rules)
    written = found.reflection.answers if found.reflection else {}
    text = "\n\n".join(
        f"{p.text}\n{written[p.id]}" for p in prompts.PROMPTS if written.get(p.id, "").strip()
    )
    if not text:
        return Feedback("rules", rules, "Write an answer first: the AI coach reads your words.")
    answer = ai.reflection_feedback(_with_numbers(found, text))
    if not answer.ok or not answer.feedback:
        return Feedback("rules", rules, answer.problem)
    if not check_text(answer.feedback).allowed:
        return Feedback("rules", rules, "The AI coach's feedback did not pass our checks.")
    return Feedback("ai", [answer.feedback])


def _with_numbers(found: Review, text: str) -> str:
    return (
        f"This week: {found.asks} asks, {found.nos} no's, {found.yeses} yeses, "
        f"{found.no_response} without an answer.\n\n{text}"
    )


# --- a lesson shared with a group -----------------------------------------------------


def share_lesson(membership, week: Week, text: str) -> SharedLesson:
    """Share one lesson of the week with a group (replacing that week's earlier one)."""
    from nomentum.journal.models import LESSON_MAX

    text = " ".join(text.split())
    if not text:
        raise Invalid({"text": ["Write the lesson you want to share."]})
    if not _is_text(text) or "\x00" in text:
        raise Invalid({"text": ["A shared lesson must be plain text."]})
    if len(text) > LESSON_MAX:
        raise Invalid({"text": [f"Keep a shared lesson under {LESSON_MAX} characters."]})
    shared, _ = SharedLesson.objects.update_or_create(
        membership=membership, week=week.name, defaults={"text": text}
    )
    return shared


def unshare_lesson(shared: SharedLesson) -> None:
    shared.delete()


# --- the end of a challenge -----------------------------------------------------------


@dataclass(frozen=True)
class Period:
    fear_before: float | None
    sting_after: float | None
    yes_rate: float | None  # of the answered asks
    answered: int


@dataclass(frozen=True)
class BeforeAfter:
    first: Period  # the challenge's first seven days
    last: Period  # its last seven days
    starred: list[Ask]  # lessons the user starred during it


def before_after(user: User, start: date, end: date) -> BeforeAfter:
    """Fear, sting and yes rate in a challenge's first week against its last, and the
    lessons starred in it."""
    mine = asks_for_user(user).filter(self_rejection=False)
    first_end = min(end, start + timedelta(days=6))
    last_start = max(start, end - timedelta(days=6))
    return BeforeAfter(
        first=_period(mine.filter(date__range=(start, first_end))),
        last=_period(mine.filter(date__range=(last_start, end))),
        starred=list(
            mine.filter(date__range=(start, end), lesson_starred=True)
            .exclude(lessons="")
            .order_by("date", "id")
        ),
    )


def _period(asks) -> Period:
    found = asks.aggregate(
        fear=Avg("fear_before"),
        sting=Avg("sting_after"),
        answered=Count("id", filter=Q(outcome__in=ANSWERED)),
        yes=Count("id", filter=Q(outcome=Outcome.YES)),
    )
    rate = found["yes"] / found["answered"] if found["answered"] else None
    return Period(_rounded(found["fear"]), _rounded(found["sting"]), rate, found["answered"])
