"""Bodies the API can't use are a 4xx that says why, in JSON, never a 500."""

import pytest
from django.test import Client

from nomentum.accounts.services import create_token


@pytest.fixture
def bearer(owner):
    return {"Authorization": f"Bearer {create_token(owner)[1]}"}


def test_a_form_post_to_a_json_endpoint_is_a_400_that_says_send_json(bearer):
    response = Client().post("/api/guard", {"text": "hello"}, headers=bearer)
    assert response.status_code == 400
    assert "Content-Type: application/json" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "body"),
    [("/api/tokens", '{"name": "\\ud800"}'), ("/api/guard", '{"text": "\\udfff"}')],
)
def test_half_a_unicode_character_is_a_400(bearer, path, body):
    response = Client().post(path, body, content_type="application/json", headers=bearer)
    assert response.status_code == 400
    assert "whole Unicode characters" in response.json()["detail"]


def test_a_deeply_nested_body_is_refused_not_a_crash(bearer):
    body = '{"text": "x", "a": ' + "[" * 5000 + "]" * 5000 + "}"
    response = Client().post("/api/guard", body, content_type="application/json", headers=bearer)
    assert response.status_code in (400, 422)
    assert response["Content-Type"].startswith("application/json")


def test_an_unknown_api_address_is_a_json_404():
    response = Client().get("/api/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such address in the API."}
