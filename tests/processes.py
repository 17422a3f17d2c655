"""Helpers for tests that run Nomentum as real processes on a real SQLite file."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def local_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh personal install: embedded SQLite in ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOMENTUM_", "DATABASE_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(NOMENTUM_DATA_DIR=str(data_dir), **extra)
    return env


def nomentum(env: dict[str, str], *argv: str, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "nomentum.cli", *argv],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback only
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
