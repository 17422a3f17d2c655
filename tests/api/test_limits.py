"""What keeps the API and its answers safe: rate limits (429 with Retry-After), JSON
errors everywhere, nothing cached, 401s that say why."""

import pytest
from django.core.cache import cache
from django.test import Client

from nomentum.accounts.services import create_token, revoke_token
from nomentum.api.core import LIMITS, PerToken


@pytest.fixture
def tight(monkeypatch):
    """Limits of 3 requests a minute per token and 5 per address, for this test."""
    cache.clear()
    for limit in LIMITS:
        rate = "3/min" if isinstance(limit, PerToken) else "5/min"
        monkeypatch.setattr(limit, "rate", rate)
        monkeypatch.setattr(limit, "num_requests", limit.parse_rate(rate)[0])
        monkeypatch.setattr(limit, "duration", limit.parse_rate(rate)[1])
    yield
    cache.clear()


def _get(token, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).get(
        "/api/stats", headers={"Authorization": f"Bearer {token}"}
    )


def test_a_token_past_its_rate_gets_429_with_retry_after(tight, owner):
    mine, other = create_token(owner)[1], create_token(owner)[1]
    assert [_get(mine).status_code for _ in range(3)] == [200, 200, 200]
    refused = _get(mine)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Too many requests."}
    assert _get(other).status_code == 200  # another token has its own count


def test_one_address_is_limited_whatever_tokens_it_uses(tight, owner):
    tokens = [create_token(owner)[1] for _ in range(6)]
    answers = [_get(t, "10.0.0.9").status_code for t in tokens]
    assert answers == [200] * 5 + [429]
    assert _get(tokens[5], "10.0.0.10").status_code == 200


def test_forwarded_addresses_count_only_behind_a_configured_proxy(tight, owner):
    tokens = [create_token(owner)[1] for _ in range(6)]
    spoofed = [
        Client(REMOTE_ADDR="10.0.0.20", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
        .get("/api/stats", headers={"Authorization": f"Bearer {t}"})
        .status_code
        for n, t in enumerate(tokens)
    ]
    assert spoofed == [200] * 5 + [429]  # no proxy configured: the header changes nothing


def test_anonymous_and_revoked_token_writes_are_a_401_that_says_why(owner):
    anonymous = Client().post("/api/asks", data="{}", content_type="application/json")
    assert anonymous.status_code == 401
    assert "Bearer" in anonymous.json()["detail"]
    token, secret = create_token(owner)
    revoke_token(token)
    revoked = Client().post(
        "/api/asks",
        data='{"request": "x"}',
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert revoked.status_code == 401 and "CSRF" not in revoked.content.decode()


def test_a_nul_character_on_the_api_is_refused_in_json(owner):
    secret = create_token(owner)[1]
    response = Client().get("/api/contacts?q=a%00b", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Text can't contain NUL characters (\\0)."}


def test_signed_in_pages_and_api_answers_are_never_stored(owner, owner_client):
    secret = create_token(owner)[1]
    api = Client().get("/api/stats", headers={"Authorization": f"Bearer {secret}"})
    assert api["Cache-Control"] == "private, no-store"
    for url in ("/", "/asks/", "/accounts/settings/", "/challenges/"):
        assert owner_client.get(url)["Cache-Control"] == "private, no-store", url
    assert "no-store" not in Client().get("/help/").get("Cache-Control", "")


def test_behind_a_configured_proxy_each_client_has_its_own_count(tight, owner, settings):
    settings.PROXY_COUNT = 1
    tokens = [create_token(owner)[1] for _ in range(7)]
    first = [_through_proxy(t, "203.0.113.7") for t in tokens[:6]]
    assert first == [200] * 5 + [429]
    assert _through_proxy(tokens[6], "198.51.100.4") == 200


def _through_proxy(token, client):
    return (
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client)
        .get("/api/stats", headers={"Authorization": f"Bearer {token}"})
        .status_code
    )
