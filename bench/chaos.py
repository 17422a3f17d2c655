"""Chaos: kill -9 a server while clients log asks through the API, and count what the
clients were told against what the database holds.

A throw-away SQLite install served by `nomentum serve` on 127.0.0.1. Writers send
POST /api/asks, each ask with its own Idempotency-Key and a request text naming that key;
after a connection error (or a 409, 429 or 5xx) a writer sends the same key and the same
body again until it gets a 2xx. Meanwhile the server is killed with SIGKILL at a random
moment 50-400 ms after it came up, and restarted, CYCLES times: every other time the
whole server (master and workers), otherwise the master alone (its workers then finish
their requests and go). At the end:

  acked       2xx answers received (one per key)
  lost        acked keys whose ask is not in the database       (target 0)
  duplicated  asks beyond the first sharing one key's request    (target 0)
  integrity   PRAGMA integrity_check                             (target ok)

    python bench/chaos.py [--cycles 50] [--writers 4] [--seed N]
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

from common import free_port, fresh_install, nomentum, wait_for

REQUEST_TIMEOUT = 10  # seconds for one POST; a killed server answers sooner (a reset)
START_TIMEOUT = 60  # seconds for a restarted server to answer
KEY_TIMEOUT = 60  # seconds of retrying one key before giving up on it (and failing)


class Server:
    """`nomentum serve` in its own process group."""

    def __init__(self, env: dict[str, str], port: int, log: Path):
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "nomentum.cli", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,
            )
        # The banner comes once it holds the database lock, that is once the workers of
        # a killed server have gone (until then they would answer the health check).
        assert self.process.stdout is not None
        banner = self.process.stdout.readline()
        if "is running" not in banner:
            raise RuntimeError(f"the server did not start; see {self.log}")
        wait_for(f"http://127.0.0.1:{self.port}/healthz", seconds=START_TIMEOUT)
        self.starts += 1

    def kill(self, whole: bool) -> None:
        assert self.process is not None
        if whole:
            os.killpg(self.process.pid, signal.SIGKILL)
        else:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


class Writer(threading.Thread):
    """Logs asks one after another; retries each key until a 2xx answers it."""

    def __init__(self, name: str, port: int, token: str, finishing: threading.Event):
        super().__init__(name=name, daemon=True)
        self.port, self.token, self.finishing = port, token, finishing
        self.acked: list[str] = []
        self.answers: Counter[int] = Counter()
        self.connection_errors = 0
        self.retried_keys = 0
        self.replayed = 0  # a retry answered 200: the first try had been written
        self.unanswered: list[tuple[str, str]] = []  # keys given up on, and why

    def run(self) -> None:
        n = 0
        while not self.finishing.is_set():
            key = f"{self.name}-{n}"
            self.log(key)
            n += 1

    def log(self, key: str) -> None:
        body = json.dumps({"request": request_text(key)})
        attempts = 0
        reason = "no answer"
        give_up = time.monotonic() + KEY_TIMEOUT
        while time.monotonic() < give_up:
            attempts += 1
            try:
                status, retry_after, text = self.post(key, body)
            except (OSError, http.client.HTTPException) as exc:
                self.connection_errors += 1
                reason = f"no answer ({exc!r})"
                time.sleep(0.05)
                continue
            self.answers[status] += 1
            if 200 <= status < 300:
                self.acked.append(key)
                self.retried_keys += attempts > 1
                self.replayed += attempts > 1 and status == 200
                return
            reason = f"{status} {' '.join(text.split())[:200]}"
            if status not in (409, 429) and status < 500:
                break  # a bug in this bench or in the API: no retry will help
            time.sleep(min(float(retry_after or 0.1), 5))
        self.unanswered.append((key, reason))

    def post(self, key: str, body: str) -> tuple[int, str | None, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request(
                "POST",
                "/api/asks",
                body=body,
                headers={
                    "Authorization": f"Bearer {self.token}",
                    "Content-Type": "application/json",
                    "Idempotency-Key": key,
                },
            )
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            return response.status, response.getheader("Retry-After"), text
        finally:
            conn.close()


def request_text(key: str) -> str:
    return f"Chaos ask {key}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    rng = random.Random(seed)

    env = fresh_install()
    data = Path(env["NOMENTUM_DATA_DIR"])
    made = nomentum(env, "token", "create", "--name", "chaos", "--json")
    assert made.returncode == 0, made.stderr
    token = json.loads(made.stdout)["token"]

    server = Server(env, free_port(), data / "serve.log")
    finishing = threading.Event()
    writers = [Writer(f"w{i}", server.port, token, finishing) for i in range(args.writers)]
    started = time.monotonic()
    kills = Counter[str]()
    try:
        server.start()
        for writer in writers:
            writer.start()
        for cycle in range(args.cycles):
            time.sleep(rng.uniform(0.05, 0.4))
            whole = cycle % 2 == 0
            server.kill(whole)
            kills["whole server" if whole else "master only"] += 1
            server.start()
        finishing.set()  # each writer finishes the key it is on, retries included
        for writer in writers:
            writer.join(timeout=KEY_TIMEOUT + 2 * REQUEST_TIMEOUT)
    finally:
        finishing.set()
        server.stop()
    seconds = time.monotonic() - started

    database = data / "nomentum.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        stored = Counter(text for (text,) in db.execute("SELECT request FROM asks_ask"))
    acked = [key for writer in writers for key in writer.acked]
    lost = sum(1 for key in acked if stored[request_text(key)] == 0)
    duplicated = sum(count - 1 for count in stored.values() if count > 1)
    answers = sum((writer.answers for writer in writers), Counter[int]())
    unanswered = [u for writer in writers for u in writer.unanswered]
    unfinished = [writer.name for writer in writers if writer.is_alive()]

    def total(attribute: str) -> int:
        return sum(getattr(writer, attribute) for writer in writers)

    print(
        f"chaos: {args.cycles} kill -9 cycles ({kills['whole server']} whole server, "
        f"{kills['master only']} master only) during API writes; {args.writers} writers; "
        f"seed {seed}; {seconds:.0f} s"
    )
    print(
        f"  connection errors {total('connection_errors')}; keys retried "
        f"{total('retried_keys')}, of which already written (200 on retry) "
        f"{total('replayed')}; answers by status "
        + ", ".join(f"{status}: {count}" for status, count in sorted(answers.items()))
    )
    rows = [
        ("acked", f"{len(acked)}", "-"),
        ("lost", f"{lost}", "0"),
        ("duplicated", f"{duplicated}", "0"),
        ("integrity", integrity, "ok"),
    ]
    if unanswered or unfinished:
        rows.append(("given up", f"{len(unanswered) + len(unfinished)}", "0"))
    print(f"  {'':<14}{'measured':>10}  target")
    for name, value, target in rows:
        print(f"  {name:<14}{value:>10}  {target}")
    for key, reason in unanswered[:3]:
        print(f"  gave up on {key}: {reason}")
    good = lost == 0 and duplicated == 0 and integrity == "ok" and not (unanswered or unfinished)
    if good:
        shutil.rmtree(data, ignore_errors=True)
    else:
        print(f"  kept the data directory for a look: {data}")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
