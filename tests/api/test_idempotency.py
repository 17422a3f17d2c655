"""Idempotency-Key on POST /api/asks and `nomentum log --key`: a retry logs nothing
twice, a reused key with another ask is refused, and neither is ever a 500."""

import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from nomentum.accounts.services import create_token
from nomentum.asks.models import Ask


def _post(token, body, key, client=None):
    return (client or Client()).post(
        "/api/asks",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
    )


@pytest.fixture
def token(owner):
    return create_token(owner)[1]


def test_a_retry_with_the_same_key_returns_the_first_ask(token, owner):
    first = _post(token, {"request": "Ask for a mentor", "outcome": "no"}, "k-1")
    again = _post(token, {"request": "Ask for a mentor", "outcome": "no"}, "k-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["code"] == again.json()["code"]
    assert first.json()["celebration"] and again.json()["celebration"] is None
    assert Ask.objects.filter(owner=owner).count() == 1


def test_a_key_reused_for_another_ask_is_refused_with_a_reason(token, owner):
    assert _post(token, {"request": "Ask for a mentor"}, "k-2").status_code == 201
    other = _post(token, {"request": "Ask for a discount"}, "k-2")
    assert other.status_code == 422
    assert other.json()["errors"]["key"] == [
        "This idempotency key was used for a different ask; use a new key."
    ]
    assert list(Ask.objects.values_list("request", flat=True)) == ["Ask for a mentor"]


def test_an_over_long_key_is_a_400_not_a_shortened_key(token, owner):
    response = _post(token, {"request": "Ask for a mentor"}, "k" * 101)
    assert response.status_code == 400
    assert response.json()["detail"] == "An idempotency key has at most 100 characters."
    assert not Ask.objects.exists()
    # Two keys that agree in their first 100 characters are two keys.
    assert _post(token, {"request": "One"}, "k" * 99 + "a").status_code == 201
    assert _post(token, {"request": "Two"}, "k" * 99 + "b").status_code == 201
    assert Ask.objects.count() == 2


def test_a_refused_ask_leaves_its_key_free_for_the_corrected_retry(token, owner):
    refused = _post(token, {"request": "Ask a stranger to give me money"}, "k-3")
    assert refused.status_code == 409
    retry = _post(token, {"request": "Ask a stranger to give me money", "override": True}, "k-3")
    assert retry.status_code == 201
    assert Ask.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_concurrent_requests_with_one_key_make_one_ask(transactional_db, owner):
    secret = create_token(owner)[1]
    answers: list = []
    start = threading.Barrier(8)

    def send() -> None:
        try:
            start.wait()
            answers.append(_post(secret, {"request": "Pitch a talk"}, "same-key"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    assert len({a.json()["code"] for a in answers}) == 1
    assert Ask.objects.filter(owner=owner).count() == 1


def test_cli_log_with_a_key_can_be_run_again_safely(cli, owner):
    first = cli("log", "Ask for a stage slot", "--key", "script-run-7", "--json")
    again = cli("log", "Ask for a stage slot", "--key", "script-run-7", "--json")
    assert first[0] == again[0] == 0
    assert json.loads(first[1])["code"] == json.loads(again[1])["code"]
    assert Ask.objects.filter(owner=owner).count() == 1
    code, out, err = cli("log", "Ask for a raise", "--key", "script-run-7")
    assert (code, out) == (2, "")
    assert err == (
        "nomentum: --key: This idempotency key was used for a different ask; use a new key.\n"
    )
