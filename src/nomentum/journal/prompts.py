"""The weekly reflection's prompts: data only. Each has a stable id (the API's and the
CLI's key), the question, and a hint shown under it. Every answer is optional."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    hint: str


PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "learned",
        "What did this week's no's teach you?",
        "One thing per no is plenty. A no that taught nothing is still a no collected.",
    ),
    Prompt(
        "why",
        "Why didn't they work — their side, or something you can change?",
        "Timing, budget and fit are usually theirs. Your pitch, your timing of the "
        "follow-up and whom you picked are yours to adjust.",
    ),
    Prompt(
        "differently",
        "What would you do differently next time?",
        "A smaller first step, a clearer ask, another person to ask.",
    ),
    Prompt(
        "self_rejection",
        "Where did you talk yourself out of an ask?",
        "The no you gave yourself before anyone else could. Worth noticing, not judging.",
    ),
    Prompt(
        "next_week",
        "What will you ask next week?",
        "Name one ask, and whom you will ask.",
    ),
    Prompt(
        "feeling",
        "How do you feel about asking now?",
        "Compared with when you started, or with last week.",
    ),
)
BY_ID = {p.id: p for p in PROMPTS}
ANSWER_MAX = 4000
