"""The optional AI coach: any OpenAI-compatible chat endpoint (Ollama, llama.cpp's
server, vLLM or a hosted API), configured by NOMENTUM_AI_* settings.

Nothing here makes a network call unless NOMENTUM_AI_BASE_URL is set. Answers are
requested as JSON, validated with pydantic, and every idea goes through the same
ethics guard as a user's own ask. Any failure returns ``None`` with a reason, and the
caller carries on with the built-in planner.
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from pydantic import BaseModel, Field, ValidationError

from nomentum.asks.guard import check_text

log = logging.getLogger(__name__)

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


def configured() -> bool:
    return bool(settings.AI_BASE_URL and settings.AI_MODEL)


def _chat(system: str, user: str) -> str:
    body = json.dumps(
        {
            "model": settings.AI_MODEL,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "response_format": {"type": "json_object"},
            "temperature": 0.7,
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the operator's own endpoint
        settings.AI_BASE_URL.rstrip("/") + "/chat/completions",
        data=body,
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {settings.AI_KEY}"} if settings.AI_KEY else {}),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=settings.AI_TIMEOUT) as response:  # noqa: S310
        payload = json.loads(response.read(1_000_000))
    return payload["choices"][0]["message"]["content"]


def _ask(system: str, user: str, schema: type[BaseModel]):
    if not configured():
        return None, "The AI coach is not set up on this server."
    try:
        content = _chat(system, user)
        return schema.model_validate_json(content), ""
    except TimeoutError:
        problem = "The AI coach took too long to answer."
    except (urllib.error.URLError, OSError) as exc:
        problem = f"The AI coach could not be reached ({type(exc).__name__})."
    except (ValidationError, KeyError, IndexError, TypeError, ValueError):
        problem = "The AI coach's answer was not in the expected shape."
    log.warning("AI coach: %s", problem)  # no user text in the log
    return None, problem


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
    parsed, problem = _ask(IDEAS_PROMPT, request, AiIdeas)
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
    parsed, problem = _ask(FEEDBACK_PROMPT, reflection[:4000], AiFeedback)
    if parsed is None:
        return Answer(problem=problem)
    return Answer(feedback=parsed.feedback.strip())
