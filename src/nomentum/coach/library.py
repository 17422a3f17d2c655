"""The built-in idea library: text files in ideas/, one idea a line as
``area|tier|setting|text``, kept in step with the Idea table after every migrate."""

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

IDEAS_DIR = Path(__file__).resolve().parent / "ideas"


@dataclass(frozen=True)
class LibraryIdea:
    key: str
    area: str
    tier: str
    setting: str
    text: str


@cache
def library() -> tuple[LibraryIdea, ...]:
    ideas = []
    for path in sorted(IDEAS_DIR.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|", 3)
            if len(parts) != 4:
                raise ValueError(f"{path.name}:{number}: expected area|tier|setting|text")
            area, tier, setting, text = (part.strip() for part in parts)
            key = hashlib.sha1(text.casefold().encode(), usedforsecurity=False).hexdigest()[:16]
            ideas.append(LibraryIdea(key, area, tier, setting, text))
    return tuple(ideas)


def sync_library(**kwargs) -> None:
    """Add new library ideas, update changed tags, retire removed ones (their plan items
    and marks stay)."""
    from nomentum.coach.models import Idea

    using = kwargs.get("using", "default")
    current = {idea.key: idea for idea in library()}
    existing = {idea.key: idea for idea in Idea.objects.using(using).filter(owner=None)}
    Idea.objects.using(using).bulk_create(
        Idea(key=key, text=i.text, area=i.area, tier=i.tier, setting=i.setting)
        for key, i in current.items()
        if key not in existing
    )
    for key, idea in existing.items():
        source = current.get(key)
        wanted = (
            (source.area, source.tier, source.setting, False)
            if source
            else (idea.area, idea.tier, idea.setting, True)
        )
        if (idea.area, idea.tier, idea.setting, idea.retired) != wanted:
            idea.area, idea.tier, idea.setting, idea.retired = wanted
            idea.save(update_fields=["area", "tier", "setting", "retired"])
