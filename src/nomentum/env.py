"""Reading configuration from the environment.

Every variable read through these helpers is recorded in ``READ`` so that a
test can check that each one is described in docs/settings.md.
"""

import os
from pathlib import Path

READ: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    READ.add(name)
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        READ.add(f"{name}_FILE")
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name, "").strip().lower()
    if raw == "" and name not in os.environ:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{name} must be one of 1/0, true/false, yes/no, on/off (got {raw!r})")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number (got {raw!r})") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def private_file(path: Path) -> None:
    """Make sure ``path`` exists and only its owner can read or write it (a database,
    a backup): created so, or narrowed if it was wider."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.touch(mode=0o600)
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)
