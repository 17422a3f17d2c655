"""The ethics guard for ask texts: a table of rules, read by one small engine.

Each rule has an id, a kind explanation and a safer alternative. A rule fires when
every one of its groups of patterns matches somewhere in the text (one group: a
plain pattern; two groups: "a stranger" together with "money", and so on). Every
entry point that accepts an ask text or an idea runs ``check_text``.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_STRANGER = (
    r"\bstrangers?\b",
    r"\brandom (?:person|people|woman|women|man|men|guy|guys|girl|girls)\b",
    r"\bpasser-?s?by\b",
    r"\b(?:someone|somebody|people|a (?:man|woman|guy|girl)) (?:on|in) the "
    r"(?:street|bus|train|subway|metro|tube|park)\b",
)


@dataclass(frozen=True)
class Rule:
    id: str
    explanation: str
    alternative: str
    groups: tuple[tuple[str, ...], ...]
    compiled: tuple[re.Pattern, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        compiled = tuple(re.compile("|".join(group), re.IGNORECASE) for group in self.groups)
        object.__setattr__(self, "compiled", compiled)

    def matches(self, text: str) -> bool:
        return all(pattern.search(text) for pattern in self.compiled)


RULES: tuple[Rule, ...] = (
    Rule(
        id="money-from-strangers",
        explanation="Asking strangers for money puts them on the spot, and a no there "
        "teaches you little about your own asks.",
        alternative="Ask a business for a discount or a better price, or ask people who "
        "know your work to buy or fund something you made.",
        groups=(
            _STRANGER,
            (
                r"\bmoney\b",
                r"\bcash\b",
                r"[$€£]\s?\d",
                r"\bpay for (?:my|me)\b",
                r"\b(?:give|lend|loan|donate)\b[^.]{0,20}\b(?:me|us)\b",
                r"\bbuy me\b",
            ),
        ),
    ),
    Rule(
        id="reassurance-about-looks-or-worth",
        explanation="Asking someone to judge your looks or your worth makes the answer "
        "about you as a person, which is exactly what this practice tries to undo.",
        alternative="Ask for feedback on something you did or made — a pitch, a draft, a "
        "profile — where a no is about the work, not about you.",
        groups=(
            (
                r"\b(?:am i|if i(?:'m| am)|whether i(?:'m| am)|do you think i(?:'m| am))\s+"
                r"(?:attractive|pretty|handsome|ugly|good[- ]looking|fat|beautiful|good enough|"
                r"worthy|likeable|lovable|a good person)\b",
                r"\brate my (?:looks|face|body|appearance)\b",
                r"\b(?:do you|would you) (?:find|think) me (?:attractive|pretty|handsome|ugly)\b",
                r"\b(?:tell|reassure) me (?:i(?:'m| am)|that i(?:'m| am)) "
                r"(?:attractive|pretty|good enough|worth)",
            ),
        ),
    ),
    Rule(
        id="joining-strangers-uninvited",
        explanation="Joining people who did not invite you takes away their easy way to say no.",
        alternative="Go where joining is welcome — a meetup, a class, an open table — and "
        "ask the organiser or the group when there is a natural opening.",
        groups=(
            (
                r"\bcrash(?:ing)? (?:a|an|the|their|someone'?s|strangers'?)\b[^.]{0,20}"
                r"\b(?:party|wedding|dinner|meeting|table|picnic|funeral|birthday)",
                r"\b(?:join|sit (?:down )?(?:at|with))\b[^.]{0,15}\bstrangers'?\b[^.]{0,10}"
                r"\b(?:table|dinner|meal|picnic|party|family)",
                r"\buninvited\b",
                r"\bwithout (?:being |an )?invit(?:ed|ation)\b",
            ),
        ),
    ),
    Rule(
        id="pressure-after-refusal",
        explanation="A no is an answer. Asking again after a refusal is pressure, not persistence.",
        alternative="Thank them for the answer, ask whether they know someone else you "
        "could ask, and take your next ask somewhere new.",
        groups=(
            (
                r"\b(?:ask|asking|text|call|message|email)\b[^.]{0,25}\b(?:again|one more time|"
                r"until (?:they|she|he) (?:say|says) yes)\b[^.]{0,30}\b(?:said|says|saying) no\b",
                r"\bafter (?:they|she|he|you) (?:said|say|says) no\b[^.]{0,30}\b(?:ask|try|push|"
                r"insist|convince)",
                r"\b(?:won'?t|don'?t|not) take no for an answer\b",
                r"\bkeep (?:asking|messaging|texting|calling)\b[^.]{0,30}\buntil\b",
                r"\b(?:change (?:her|his|their) mind|wear (?:her|him|them) down)\b",
                r"\b(?:after|even though) (?:she|he|they) blocked\b",
            ),
        ),
    ),
    Rule(
        id="contact-details-from-strangers",
        explanation="Asking strangers for their phone number, address or where they live "
        "makes people feel unsafe, and they can rarely say no comfortably.",
        alternative="Meet people where swapping details is expected — a dating app, a "
        "speed-dating night, a class you both attend — and offer yours instead of asking.",
        groups=(
            _STRANGER,
            (
                r"\b(?:phone )?numbers?\b",
                r"\baddress(?:es)?\b",
                r"\bwhere (?:she|he|they) live",
                r"\b(?:email|instagram|snapchat|whatsapp)\b",
            ),
        ),
    ),
    Rule(
        id="involving-minors",
        explanation="Nomentum's asks are between adults. Anything that puts a child or a "
        "teenager on the spot is out of bounds.",
        alternative="Keep your asks to adults who can say no freely — a parent, a teacher, "
        "a coach or an organiser — if the ask concerns young people.",
        groups=(
            (
                r"\b(?:ask|message|dm|text|invite|approach|date|flirt with|meet up with)\b"
                r"[^.]{0,30}"
                r"\b(?:child|children|kids?|minors?|teens?|teenagers?|under-?age|schoolgirls?|"
                r"schoolboys?|(?:1[0-7]|[1-9])[- ]year[- ]olds?)\b",
                r"\b(?:child|children|kids?|minors?|teens?|teenagers?|under-?age)\b[^.]{0,20}"
                r"\b(?:for (?:a )?date|on a date|for (?:their|his|her) number)\b",
            ),
        ),
    ),
    Rule(
        id="deception",
        explanation="An ask built on a lie takes away the other person's real choice, so "
        "their yes or no isn't about your ask.",
        alternative="Ask honestly. If it helps, say you are doing a personal challenge to "
        "get better at asking — most people respect that.",
        groups=(
            (
                r"\bpretend(?:ing)? (?:to be|i'?m|i am|that|you'?re|you are)\b",
                r"\bpos(?:e|ing) as\b",
                r"\bimpersonat",
                r"\blie (?:to|about)\b",
                r"\blying (?:to|about)\b",
                r"\bfake (?:a|an|my|being)\b",
                r"\bmake up (?:a|an) (?:story|excuse|emergency)\b",
                r"\btrick (?:them|her|him|someone|people)\b",
            ),
        ),
    ),
)


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
    fired = [rule for rule in RULES if rule.matches(text or "")]
    return Verdict(
        allowed=not fired,
        reasons=[rule.explanation for rule in fired],
        rules=[rule.id for rule in fired],
        alternative=fired[0].alternative if fired else "",
    )


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
