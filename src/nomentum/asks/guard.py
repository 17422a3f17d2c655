"""The ethics guard: text rules read from a table, and the contact rules.

The text rules are the harm categories of ``guard_rules.py`` (data: an id, a kind
explanation, a safer alternative and the frames that recognise each one). This module
compiles that table once and checks texts against it; ``guard_text.py`` says how a text
is read. When no rule fires, the classifier of ``guard_model.py`` reads the text for the
same categories, in words rather than phrasings. Every entry point that accepts an ask
text or an idea runs ``check_text``.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from nomentum.asks import guard_model
from nomentum.asks.guard_rules import CATEGORIES, CONCEPTS, Category
from nomentum.asks.guard_text import normalise

GAP = 5  # the most words "..." stands for in a phrase


def _word(token: str) -> str:
    """One word slot: "a/b/c" (each alternative in normal form), "word?" optional."""
    optional = token.endswith("?") and len(token) > 1
    choices = []
    for alternative in token.rstrip("?").split("/"):
        form = normalise(alternative.replace("_", " "))
        if form and form not in choices:
            choices.append(form)
    if not choices:
        raise ValueError(f"empty word slot {token!r}")
    pattern = " (?:" + "|".join(re.escape(c) for c in choices) + ")(?= )"
    return f"(?:{pattern})?" if optional else pattern


def _phrase(phrase: str, compiled: dict[str, str]) -> str:
    parts = []
    for item in phrase.split():
        if item.startswith("...") and (item[3:] == "" or item[3:].isdigit()):
            parts.append(f"(?: \\S+){{0,{item[3:] or GAP}}}")
        elif item == "*":
            parts.append(" \\S+")
        elif item == "*?":
            parts.append("(?: \\S+)?")
        elif item == "#":
            parts.append(" \\d+(?= )")
        elif item.startswith("@"):
            optional = item.endswith("?")
            group = f"(?:{_concept(item[1:].rstrip('?'), compiled)})"
            parts.append(group + ("?" if optional else ""))
        elif item.startswith("re:"):
            parts.append(f" (?:{item[3:]})(?= )")
        elif item.startswith("!>"):
            words = [normalise(w) for w in item[2:].split("/")]
            parts.append("(?! (?:" + "|".join(re.escape(w) for w in words) + ") )")
        elif item.startswith("!"):
            words = [normalise(w) for w in item[1:].split("/")]
            parts.append("".join(f"(?<! {re.escape(w)})" for w in words))
        else:
            parts.append(_word(item))
    return "".join(parts)


def _concept(name: str, compiled: dict[str, str]) -> str:
    if name not in compiled:
        compiled[name] = "|".join(_phrase(p, compiled) for p in CONCEPTS[name])
    return compiled[name]


@dataclass(frozen=True)
class Rule:
    """A harm category, compiled: fires when one of its frames matches."""

    category: Category
    frames: tuple[tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]], ...] = field(repr=False)

    @property
    def id(self) -> str:
        return self.category.id

    @property
    def explanation(self) -> str:
        return self.category.explanation

    @property
    def alternative(self) -> str:
        return self.category.alternative

    def matches(self, text: str) -> bool:
        return self.fires(" " + normalise(text) + " ")

    def fires(self, padded: str) -> bool:
        return any(
            all(p.search(padded) for p in needs) and not any(p.search(padded) for p in unless)
            for needs, unless in self.frames
        )


def _compile() -> tuple[Rule, ...]:
    compiled: dict[str, str] = {}
    patterns: dict[str, re.Pattern] = {}

    def pattern(name: str) -> re.Pattern:
        if name not in patterns:
            patterns[name] = re.compile(_concept(name, compiled))
        return patterns[name]

    return tuple(
        Rule(
            category,
            tuple(
                (tuple(pattern(n) for n in f.needs), tuple(pattern(n) for n in f.unless))
                for f in category.frames
            ),
        )
        for category in CATEGORIES
    )


RULES: tuple[Rule, ...] = _compile()


# Rules about the person or company asked. Unlike the text rules these cannot be
# overridden: they protect someone who has already answered.
CONTACT_RULES = {
    "said-no": (
        "{name} already said no. Asking again is pressure, not persistence.",
        "Thank {name}, ask whether they know someone else who might say yes, and take "
        "your next ask somewhere new.",
    ),
    "invited-later": (
        "{name} said no for now and invited you to ask again after {date:%-d %b %Y}. "
        "Until then their no stands.",
        "Put a reminder on {date:%-d %b %Y} and ask someone new in the meantime.",
    ),
    "do-not-contact": (
        "{name} is marked “do not contact”.",
        "Find someone else to ask; you can clear the mark on their contact page if it was "
        "a mistake.",
    ),
    "nudge-limit": (
        "{name} has not answered your last {count} asks. More nudges would be pushing.",
        "Let this one rest and ask someone new; silence is an answer too.",
    ),
    "nudge-too-soon": (
        "You asked {name} on {date:%-d %b %Y} and they haven't answered yet. Give them a "
        "week before one polite nudge.",
        "Wait until {soon:%-d %b %Y}, or ask someone else today.",
    ),
}
NUDGE_SPACING_DAYS = 7


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reasons: list[str]
    rules: list[str]
    alternative: str
    hard: bool = False  # a contact rule fired: no "log it anyway"

    def message(self) -> str:
        return f"{' '.join(self.reasons)} Instead: {self.alternative}"


def check_text(text: str) -> Verdict:
    """The text rules' verdict on an ask or an idea: every harm category it falls in.

    The rules answer first; when none fires, the classifier may flag one category.
    """
    fired = _fired(text or "")
    if not fired:
        return _classified(text or "")
    return Verdict(
        allowed=False,
        reasons=[rule.explanation for rule in fired],
        rules=[rule.id for rule in fired],
        alternative=fired[0].alternative,
    )


@lru_cache(maxsize=4096)
def _classified(text: str) -> Verdict:
    reading = guard_model.read(text)
    if not reading.harmful():
        return Verdict(allowed=True, reasons=[], rules=[], alternative="")
    rule = next(r for r in RULES if r.id == reading.category)
    weighed = ", ".join(f"“{word}”" for word in reading.words)
    because = f" ({weighed} weighed most)" if weighed else ""
    return Verdict(
        allowed=False,
        reasons=[
            f"This reads like an ask of the kind “{rule.category.title.lower()}”{because}. "
            f"{rule.explanation}"
        ],
        rules=[rule.id],
        alternative=rule.alternative,
    )


def with_flags(verdict: Verdict, ids: list[str]) -> Verdict:
    """``verdict`` with these categories flagged too (a second opinion's): it can add a
    flag, never take one away; unknown ids are ignored."""
    extra = [rule for rule in RULES if rule.id in ids and rule.id not in verdict.rules]
    if not extra:
        return verdict
    return Verdict(
        allowed=False,
        reasons=[*verdict.reasons, *(rule.explanation for rule in extra)],
        rules=[*verdict.rules, *(rule.id for rule in extra)],
        alternative=verdict.alternative or extra[0].alternative,
        hard=verdict.hard,
    )


def categories() -> dict[str, str]:
    """Each harm category's id and title (what a second opinion may name)."""
    return {rule.id: rule.category.title for rule in RULES}


@lru_cache(maxsize=4096)
def _fired(text: str) -> tuple[Rule, ...]:
    padded = " " + normalise(text) + " "
    return tuple(rule for rule in RULES if rule.fires(padded))


@dataclass(frozen=True)
class PastAsk:
    """What the contact rules need to know about an earlier ask to the same contact."""

    day: date
    outcome: str
    invited_after: date | None
    to_person: bool  # the ask named a person, not only the company


def contact_findings(
    name: str,
    do_not_contact: bool,
    history: list[PastAsk],
    day: date,
    max_nudges: int,
    company_level: bool = False,
    nudges: bool = True,
) -> list[tuple[str, dict]]:
    """Contact rules that fire for one contact, given its earlier asks (any order).

    ``company_level``: the contact is a company and the new ask names no person at it;
    only the company's own answers (asks that named no person) count then.
    """
    if do_not_contact:
        return [("do-not-contact", {"name": name})]
    relevant = [a for a in history if not company_level or not a.to_person]
    nos = sorted((a for a in relevant if a.outcome == "no"), key=lambda a: a.day)
    if nos:
        invited = nos[-1].invited_after
        if invited is None:
            return [("said-no", {"name": name})]
        if day <= invited:
            return [("invited-later", {"name": name, "date": invited})]
        return []  # their invitation has come due
    if not nudges:  # e.g. importing a log of asks already made
        return []
    streak = []
    for past in sorted(relevant, key=lambda a: a.day, reverse=True):
        if past.outcome not in ("pending", "no_response"):
            break
        streak.append(past)
    if not streak:
        return []
    if len(streak) >= 1 + max_nudges:
        return [("nudge-limit", {"name": name, "count": len(streak)})]
    last = streak[0].day
    if (day - last).days < NUDGE_SPACING_DAYS:
        soon = last + timedelta(days=NUDGE_SPACING_DAYS)
        return [("nudge-too-soon", {"name": name, "date": last, "soon": soon})]
    return []


def verdict_for(text_verdict: Verdict, findings: list[tuple[str, dict]]) -> Verdict:
    """Contact findings first (they are final), then the text rules."""
    if not findings:
        return text_verdict
    reasons = [CONTACT_RULES[rule][0].format(**params) for rule, params in findings]
    rule, params = findings[0]
    return Verdict(
        allowed=False,
        reasons=reasons + text_verdict.reasons,
        rules=[r for r, _ in findings] + text_verdict.rules,
        alternative=CONTACT_RULES[rule][1].format(**params),
        hard=True,
    )
