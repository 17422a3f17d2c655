"""What the in-process benchmarks share: a throw-away SQLite install set up on import,
and the time and query count of one page through Django's test client."""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.update(
    NOMENTUM_DATA_DIR=tempfile.mkdtemp(prefix="nomentum-bench-"),
    NOMENTUM_ALLOWED_HOSTS="testserver",
    DJANGO_SETTINGS_MODULE="nomentum.settings",
)
os.environ.pop("DATABASE_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def measure(client: Client, url: str, repeat: int = 5) -> tuple[float, int]:
    """Seconds per request (after one warm-up, as a second visit would be) and the
    queries one request makes."""
    client.get(url)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    started = time.perf_counter()
    for _ in range(repeat):
        response = client.get(url)
        assert response.status_code == 200, url
    return (time.perf_counter() - started) / repeat, len(queries)
