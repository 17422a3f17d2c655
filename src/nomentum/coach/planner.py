"""The built-in planner: from a questionnaire and a pool of ideas to a week-by-week
plan. Pure and deterministic: the same answers, pool and seed give the same plan."""

import math
import random
import re
from dataclasses import dataclass, field

TIERS = ("comfort", "stretch", "moonshot")
IDEAS_PER_WEEK = 7  # suggestions per week; the rest of a week's target is the user's own


@dataclass(frozen=True)
class Fear:
    label: str
    words: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()


FEARS = {
    "strangers": Fear("Talking to people I don't know", settings=frozenset({"in_person"})),
    "senior": Fear(
        "Asking important or senior people",
        words=frozenset(
            {
                "ceo",
                "executive",
                "leader",
                "senior",
                "founder",
                "famous",
                "director",
                "board",
                "expert",
                "top",
                "renowned",
                "admire",
            }
        ),
    ),
    "money": Fear(
        "Asking for money, a raise or a discount",
        words=frozenset(
            {
                "raise",
                "discount",
                "price",
                "rate",
                "fee",
                "pay",
                "paid",
                "funding",
                "investor",
                "loan",
                "sponsor",
                "salary",
                "equity",
                "grant",
                "refund",
                "cheaper",
                "free",
                "deposit",
            }
        ),
    ),
    "judged": Fear(
        "Showing my work and being judged",
        words=frozenset(
            {
                "feedback",
                "portfolio",
                "pitch",
                "critique",
                "review",
                "draft",
                "submit",
                "manuscript",
                "essay",
                "work",
                "honest",
            }
        ),
    ),
    "phone": Fear("Phone calls", words=frozenset({"call"}), settings=frozenset({"phone"})),
    "romance": Fear("Romantic rejection", areas=frozenset({"dating"})),
    "speaking": Fear(
        "Speaking up in public",
        words=frozenset(
            {
                "speak",
                "speaker",
                "talk",
                "present",
                "stage",
                "speech",
                "toast",
                "podcast",
                "radio",
                "keynote",
            }
        ),
    ),
    "applying": Fear(
        "Applying for things",
        words=frozenset({"apply"}),
        settings=frozenset({"application"}),
    ),
}

# Where the tier mix starts for each comfort level (0 = all comfort, 2 = all moonshots).
START_LEVEL = {1: 0.0, 2: 0.15, 3: 0.35, 4: 0.6, 5: 0.9}
_STOP = {
    "about",
    "with",
    "that",
    "this",
    "when",
    "what",
    "from",
    "your",
    "have",
    "they",
    "them",
    "people",
    "asking",
    "being",
    "scared",
    "afraid",
    "really",
    "things",
}
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Candidate:
    text: str
    area: str
    tier: str
    setting: str = ""
    idea_id: int | None = None
    bonus: float = 0.0  # e.g. for the AI coach's personalised ideas


@dataclass(frozen=True)
class Questionnaire:
    areas: tuple[str, ...]
    fears: tuple[str, ...] = ()
    fear_text: str = ""
    comfort: int = 2
    weeks: int = 4
    target: int = 30


@dataclass
class Week:
    week: int
    target: int
    ideas: list[Candidate] = field(default_factory=list)


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 4 and w not in _STOP}


def weekly_targets(target: int, weeks: int, comfort: int) -> list[int]:
    """Targets that climb gently (more steeply for a lower comfort level) and add up to
    ``target`` exactly."""
    ramp = (6 - comfort) / 4
    weights = [1 + ramp * (i / (weeks - 1) if weeks > 1 else 0) for i in range(weeks)]
    total = sum(weights)
    shares = [target * w / total for w in weights]
    result = [math.floor(s) for s in shares]
    # Hand out what rounding left over, largest remainder first (later weeks on ties).
    order = sorted(range(weeks), key=lambda i: (shares[i] - result[i], i), reverse=True)
    for i in order[: target - sum(result)]:
        result[i] += 1
    return result


def tier_for(position: float, comfort: int, weeks: int) -> str:
    """The tier of a suggestion at ``position`` (0 = first, 1 = last) of the plan.

    The climb to moonshots takes longer the lower the comfort level: 4 weeks at
    level 5, 8 weeks at level 1; a shorter plan stops part of the way up."""
    start = START_LEVEL[comfort]
    weeks_to_top = 3 + (5 - comfort)
    end = start + (2.0 - start) * min(1.0, (weeks - 1) / weeks_to_top)
    level = start + (end - start) * position
    return TIERS[min(2, math.floor(level + 0.5))]


def score(candidate: Candidate, answers: Questionnaire, fear_words: set[str]) -> float:
    points = candidate.bonus
    for key in answers.fears:
        fear = FEARS[key]
        points += 2 * (candidate.setting in fear.settings) + 2 * (candidate.area in fear.areas)
    points += len(words(candidate.text) & fear_words)
    return points


def make_plan(answers: Questionnaire, pool: list[Candidate], seed: int) -> list[Week]:
    rng = random.Random(seed)
    targets = weekly_targets(answers.target, answers.weeks, answers.comfort)
    counts = [min(t, IDEAS_PER_WEEK) for t in targets]
    fear_words = words(answers.fear_text)
    for key in answers.fears:
        fear_words |= FEARS[key].words
    available = [c for c in pool if c.area in answers.areas]
    jitter = {id(c): rng.random() * 0.9 for c in available}
    slots = min(sum(counts), len(available))
    # Trim weeks from the end if the pool is smaller than the plan wants.
    while sum(counts) > slots:
        last = max(i for i, n in enumerate(counts) if n)
        counts[last] -= 1

    picked: list[Candidate] = []
    used: set[int] = set()
    per_area: dict[str, int] = {}
    for slot in range(slots):
        wanted = tier_for(slot / max(slots - 1, 1), answers.comfort, answers.weeks)
        order = sorted(
            TIERS, key=lambda t: (abs(TIERS.index(t) - TIERS.index(wanted)), -TIERS.index(t))
        )
        for tier in order:
            options = [c for c in available if c.tier == tier and id(c) not in used]
            if options:
                best = max(
                    options,
                    key=lambda c: (
                        score(c, answers, fear_words)
                        + jitter[id(c)]
                        - 0.75 * per_area.get(c.area, 0)
                    ),
                )
                picked.append(best)
                used.add(id(best))
                per_area[best.area] = per_area.get(best.area, 0) + 1
                break
    # The mix must climb: bolder ideas always come later.
    picked.sort(key=lambda c: TIERS.index(c.tier))

    plan, position = [], 0
    for week, (target, count) in enumerate(zip(targets, counts, strict=True), 1):
        plan.append(Week(week, target, picked[position : position + count]))
        position += count
    return plan
