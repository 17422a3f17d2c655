"""The optional AI endpoint: any OpenAI-compatible chat API (Ollama, llama.cpp's server,
vLLM or a hosted API), configured by NOMENTUM_AI_* settings. Used by the coach (ideas,
reflection feedback) and by the ethics guard (a second opinion that can only add a
flag).

Nothing here makes a network call unless NOMENTUM_AI_BASE_URL is set. Answers are
requested as JSON and validated with pydantic; any failure returns ``None`` with a
reason for a person, and the caller carries on without it. No user text is logged.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from pydantic import BaseModel, Field, ValidationError

log = logging.getLogger(__name__)


def configured() -> bool:
    return bool(settings.AI_BASE_URL and settings.AI_MODEL)


def _chat(system: str, user: str, timeout: float | None = None) -> str:
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
    wait = timeout or settings.AI_TIMEOUT
    with urllib.request.urlopen(request, timeout=wait) as response:  # noqa: S310
        payload = json.loads(response.read(1_000_000))
    return payload["choices"][0]["message"]["content"]


def ask(system: str, user: str, schema: type[BaseModel], timeout: float | None = None):
    """The endpoint's answer to ``user`` as ``schema``, and ""; or None and why not."""
    if not configured():
        return None, "The AI coach is not set up on this server."
    try:
        content = _chat(system, user, timeout)
        return schema.model_validate_json(content), ""
    except TimeoutError:
        problem = "The AI coach took too long to answer."
    except (urllib.error.URLError, OSError) as exc:
        problem = f"The AI coach could not be reached ({type(exc).__name__})."
    except (ValidationError, KeyError, IndexError, TypeError, ValueError):
        problem = "The AI coach's answer was not in the expected shape."
    log.warning("AI coach: %s", problem)  # no user text in the log
    return None, problem


class GuardOpinion(BaseModel):
    categories: list[str] = Field(max_length=10)


GUARD_PROMPT = (
    "You review asks someone plans to make as practice in hearing 'no'. An ask is fine "
    "when the person asked can say no easily and nothing about it is personal, "
    "intrusive, deceptive, illegal or pushy. Answer with JSON only: "
    '{"categories": [...]} listing the ids of the harm categories the ask falls in, '
    "or [] if it is fine. Categories: "
)


def guard_opinion(text: str, categories: dict[str, str]) -> list[str]:
    """The endpoint's second opinion on an ask: the harm categories (of ``categories``)
    it sees in it, or [] — also whenever it is off, slow or answers oddly (the guard's
    own rules stand either way)."""
    if not configured() or not text.strip():
        return []
    listed = "; ".join(f"{key}: {title}" for key, title in categories.items())
    wait = min(float(settings.AI_TIMEOUT), GUARD_TIMEOUT)
    found, _ = ask(GUARD_PROMPT + listed, text[:1000], GuardOpinion, timeout=wait)
    return [c for c in found.categories if c in categories] if found else []


GUARD_TIMEOUT = 5.0  # seconds: a second opinion must not hold up logging for long
