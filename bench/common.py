"""Shared bits of the benchmarks: a throw-away install and a tiny HTTP load loop."""

import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.processes import free_port, local_env, nomentum, wait_for  # noqa: E402

PASSWORD = "a sturdy passphrase 42"


def fresh_install() -> dict[str, str]:
    serving = {k: v for k, v in os.environ.items() if k in ("NOMENTUM_WORKERS", "NOMENTUM_THREADS")}
    # Benchmarks measure throughput, not the rate limits that would stop them.
    serving |= {"NOMENTUM_API_RATE": "off", "NOMENTUM_API_RATE_PER_ADDRESS": "off"}
    env = local_env(Path(tempfile.mkdtemp(prefix="nomentum-bench-")), **serving)
    result = nomentum(env, "adduser", "bench", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    return env


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "nomentum.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return server, port


class Session:
    """A logged-in browser session over one keep-alive connection."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict | None = None, htmx: bool = False
    ) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "http://127.0.0.1/"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # The server may close an idle keep-alive connection; open a new one once.
            self.conn.close()
            self.conn.connect()
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def csrf(self, path: str) -> str:
        _, html = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def login(self) -> None:
        token = self.csrf("/accounts/login/")
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": "bench", "password": PASSWORD},
        )
        assert status == 302, f"login failed: {status}"


def throughput(port: int, make_request, threads: int = 8, seconds: float = 5.0) -> float:
    """Requests per second that ``make_request(session)`` sustains from ``threads`` clients."""
    sessions = []
    for _ in range(threads):
        session = Session(port)
        session.login()
        sessions.append(session)
    counts = [0] * threads
    errors: list[BaseException] = []
    stop = time.monotonic() + seconds

    def worker(i: int) -> None:
        try:
            while time.monotonic() < stop:
                make_request(sessions[i])
                counts[i] += 1
        except BaseException as exc:  # reported below: a benchmark of failures is no benchmark
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if errors:
        raise RuntimeError(f"{len(errors)} client(s) failed: {errors[0]!r}")
    return sum(counts) / (time.monotonic() - started)


def env_flag(name: str, default: str) -> str:
    return os.environ.get(name, default)
