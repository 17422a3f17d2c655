"""Logging an ask over HTTP vs the same server's trivial view (SPEC §6: ratio ≥ 0.5).

Starts `nomentum serve` on a throw-away SQLite install, logs in 8 clients and has
them post the quick-log form as the dashboard does (htmx: the answer is a fresh form
fragment, no redirect) as fast as they can; then the same clients hit /healthz, which
goes through the same middleware (session, user) but renders nothing.
"""

import itertools

from common import fresh_install, start_server, throughput

counter = itertools.count()


def log_an_ask(session, to: str = "Person {n}, Company {c}") -> None:
    token = session.cookies["csrftoken"]
    n = next(counter)
    status, _ = session.request(
        "POST",
        "/asks/new/",
        # A new person each time, as in real use: the ethics guard would (rightly)
        # refuse a second ask to the same person within a week.
        {
            "csrfmiddlewaretoken": token,
            "request": f"Benchmark ask {n}",
            "to": to.format(n=n, c=n % 50),
            "tier": "comfort",
        },
        htmx=True,
    )
    assert status == 200, status


def trivial(session) -> None:
    status, _ = session.request("GET", "/healthz")
    assert status == 200


def main() -> None:
    env = fresh_install()
    server, port = start_server(env)
    try:
        trivial_rps = throughput(port, trivial)
        plain_rps = throughput(port, lambda session: log_an_ask(session, to=""))
        new_person_rps = throughput(port, log_an_ask)
    finally:
        server.terminate()
        server.wait()
    print(f"trivial view:                   {trivial_rps:8.1f} req/s")
    print(
        f"log an ask (no contact):        {plain_rps:8.1f} req/s  "
        f"ratio {plain_rps / trivial_rps:.2f}"
    )
    print(
        f"log an ask to a new person:     {new_person_rps:8.1f} req/s  "
        f"ratio {new_person_rps / trivial_rps:.2f}"
    )
    print("goal: ratio ≥ 0.50")


if __name__ == "__main__":
    main()
