"""The optional AI coach: any OpenAI-compatible chat endpoint (Ollama, llama.cpp's
server, vLLM or a hosted API), configured by NOMENTUM_AI_* settings.

Nothing here makes a network call unless NOMENTUM_AI_BASE_URL is set. Answers are
requested as JSON, validated with pydantic, and every idea goes through the same
ethics guard as a user's own ask. Any failure returns ``None`` with a reason, and the
caller carries on with the built-in planner.
"""

import json
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from nomentum.ai import ask, configured
from nomentum.asks.guard import check_text

__all__ = ["configured", "plan_ideas", "reflection_feedback"]

AreaName = Literal["career", "creative", "business", "social", "dating", "everyday", "learning"]
TierName = Literal["comfort", "stretch", "moonshot"]


class AiIdea(BaseModel):
    text: str = Field(min_length=10, max_length=200)
    tier: TierName
    area: AreaName


class AiIdeas(BaseModel):
    ideas: list[AiIdea] = Field(max_length=60)


class AiFeedback(BaseModel):
    feedback: str = Field(min_length=1, max_length=800)


@dataclass(frozen=True)
class Answer:
    ideas: list[AiIdea] | None = None
    feedback: str | None = None
    problem: str = ""  # why the built-in coach answered instead

    @property
    def ok(self) -> bool:
        return not self.problem


IDEAS_PROMPT = (
    "You suggest ideas for rejection therapy: bold but respectful asks where a 'no' is a "
    "normal, harmless answer for the person asked. Never suggest asking strangers for money "
    "or personal details, asking about someone's looks, asking again after a no, anything "
    "involving minors, or anything deceptive. Answer with JSON only: "
    '{"ideas": [{"text": "...", "tier": "comfort|stretch|moonshot", "area": "..."}]}. '
    "Each text is one concrete ask in under 150 characters."
)


def plan_ideas(areas: list[str], fears: list[str], fear_text: str, per_tier: int) -> Answer:
    """Personalised ideas for a plan; only those in the chosen areas that pass the guard."""
    request = json.dumps(
        {
            "areas": areas,
            "fears": fears,
            "in_their_words": fear_text[:300],
            "ideas_per_tier": per_tier,
        }
    )
    parsed, problem = ask(IDEAS_PROMPT, request, AiIdeas)
    if parsed is None:
        return Answer(problem=problem)
    ideas = [i for i in parsed.ideas if i.area in areas and check_text(i.text).allowed]
    if not ideas:
        return Answer(problem="The AI coach's ideas did not pass our checks.")
    return Answer(ideas=ideas)


FEEDBACK_PROMPT = (
    "You are a kind, brief coach for someone practising rejection therapy. Read their "
    'weekly reflection and answer with JSON only: {"feedback": "..."}: two to four '
    "sentences, warm and specific, that notice what went well, name one thing to try next "
    "week, and never shame. If they sound very low, gently suggest talking to someone they "
    "trust or a professional."
)


def reflection_feedback(reflection: str) -> Answer:
    parsed, problem = ask(FEEDBACK_PROMPT, reflection[:4000], AiFeedback)
    if parsed is None:
        return Answer(problem=problem)
    return Answer(feedback=parsed.feedback.strip())
