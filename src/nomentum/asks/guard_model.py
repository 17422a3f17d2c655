"""The guard's second layer: a linear classifier over words, kept as data.

The text rules (``guard_rules.py``) know phrasings; this layer knows vocabulary. It was
trained here, by ``scripts/train_guard_model.py``, on the development part of the
guard's evaluation set (tests/data/guard_*.tsv; the held-out part is never read), and is
stored in ``guard_model.json``: a weight per feature for "harmful", a weight per feature
and category for "which category", and the threshold. Nothing is downloaded and no
library is needed to run it: a check is a few dictionary lookups.

It is consulted only when no rule fired, and it explains itself: the category it reads,
that category's own explanation and alternative, and the words that weighed most.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from nomentum.asks.guard_text import normalise, stem, words

MODEL = Path(__file__).with_name("guard_model.json")
CHAR_GRAMS = (4, 5)  # lengths of the letter groups read from each word
EVIDENCE = 2  # the fewest words of a text that must point at harm for a flag
CONTENT_WORDS = 3  # the fewest words, plain ones aside, a text needs to be read at all
# Words too plain to explain anything: never named as "what weighed most".
_PLAIN = (
    "a an the i me my mine you your we our us he him his she her they them their it s "
    "is am are was were be been do does did have has had will would can could should "
    "to of at in on for from with by about into onto off up out over as and or but so "
    "if that this these those what when where who whom which why how not no yes just "
    "get got ask asked asking tell told see try going go let make some any one"
)
PLAIN_WORDS = frozenset(_PLAIN.split())


def features(text: str) -> list[str]:
    """What the classifier reads of a text (training and checking use this one function).

    Stems and stem pairs (side by side, and with one word between) carry the phrasing;
    letter groups of each word carry typos and words the rules have never seen.
    """
    stems = normalise(text).split()
    found = [f"w {s}" for s in stems]
    found += [f"b {a} {b}" for a, b in pairwise(stems)]
    found += [f"s {a} {b}" for a, b in zip(stems, stems[2:], strict=False)]
    for word in words(text):
        found += _letter_groups(word)
    return found


def _letter_groups(word: str) -> list[str]:
    padded = f"<{word}>"
    low, high = CHAR_GRAMS
    return [
        f"c {padded[i : i + n]}"
        for n in range(low, high + 1)
        for i in range(max(1, len(padded) - n + 1))
    ]


@dataclass(frozen=True)
class Model:
    harm: dict[str, float]
    harm_bias: float
    threshold: float
    categories: list[str]
    category: dict[str, list[float]]
    category_bias: list[float]


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return Model(
        harm=data["harm"]["weights"],
        harm_bias=data["harm"]["bias"],
        threshold=data["harm"]["threshold"],
        categories=data["category"]["ids"],
        category=data["category"]["weights"],
        category_bias=data["category"]["bias"],
    )


@dataclass(frozen=True)
class Reading:
    """What the classifier makes of a text."""

    score: float  # how likely the text is harmful, 0–1
    category: str  # the harm category it reads most like
    words: tuple[str, ...]  # the words of the text that weighed most towards harm

    def harmful(self) -> bool:
        """Over the threshold, on the word of at least two words of the text: a short
        text is never flagged for one word alone ("Mine alone")."""
        return self.score >= model().threshold and len(self.words) >= EVIDENCE


def read(text: str) -> Reading:
    """The classifier's reading. A text with fewer than ``CONTENT_WORDS`` words that it
    knows, plain ones aside, is too short or too strange to read by its words, and
    reads as harmless (the rules still read it)."""
    m = model()
    content = {w for w in words(text) if w not in PLAIN_WORDS and f"w {stem(w)}" in m.harm}
    known = [f for f in set(features(text)) if f in m.harm]
    if len(content) < CONTENT_WORDS or not known:
        return Reading(0.0, "", ())
    scale = 1 / math.sqrt(len(known))  # the length-normalised vector it was trained on
    logit = m.harm_bias + scale * sum(m.harm[f] for f in known)
    totals = list(m.category_bias)
    for f in known:
        for i, weight in enumerate(m.category.get(f, ())):
            totals[i] += scale * weight
    category = m.categories[max(range(len(totals)), key=totals.__getitem__)]
    return Reading(_sigmoid(logit), category, _heaviest_words(text, m.harm))


def _heaviest_words(text: str, weights: dict[str, float], most: int = 3) -> tuple[str, ...]:
    """The words that pushed the score up most: a word's own weight and its letter groups'."""
    pushed = {}
    for word in words(text):
        if word in PLAIN_WORDS or word in pushed:
            continue
        weight = weights.get(f"w {stem(word)}", 0.0)
        weight += sum(weights.get(f, 0.0) for f in _letter_groups(word))
        if weight > 0:
            pushed[word] = weight
    return tuple(sorted(pushed, key=pushed.__getitem__, reverse=True)[:most])


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
