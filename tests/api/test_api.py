"""The JSON API: the same services, access rules and messages as the web pages."""

import json

import pytest
from django.test import Client

from nomentum.accounts.services import create_token, revoke_token
from nomentum.asks import services
from nomentum.asks.models import Ask


@pytest.fixture
def token(owner):
    return create_token(owner)[1]


def api(client, method, path, token=None, body=None, **headers):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    kwargs = {"content_type": "application/json", "headers": headers}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(f"/api{path}", **kwargs)


def test_openapi_schema_and_local_docs(db):
    schema = Client().get("/api/openapi.json").json()
    assert {
        "/api/asks",
        "/api/asks/{code}",
        "/api/asks/{code}/outcome",
        "/api/stats",
        "/api/guard",
        "/api/today",
    } <= set(schema["paths"])
    docs = Client().get("/api/docs").content
    assert b"/static/ninja/" in docs


def test_log_an_ask_and_record_a_no(token, owner):
    client = Client()
    created = api(client, "post", "/asks", token, {"request": "Ask for a raise", "to": "Priya"})
    assert created.status_code == 201
    code = created.json()["code"]
    answered = api(
        client,
        "post",
        f"/asks/{code}/outcome",
        token,
        {"outcome": "no", "objections": ["budget"], "invited_after": "2027-03-01"},
    )
    assert answered.status_code == 200
    assert answered.json()["celebration"] == "Your first no. The hardest one is behind you."
    ask = Ask.objects.get(code=code)
    assert (ask.owner, ask.outcome, ask.objections) == (owner, "no", ["budget"])
    stats = api(client, "get", "/stats", token).json()
    assert stats["outcomes"]["no"] == 1 and stats["challenges"] == []


def test_a_retried_post_with_the_same_idempotency_key_creates_one_ask(token, owner):
    client = Client()
    first = api(
        client, "post", "/asks", token, {"request": "Ask once"}, **{"Idempotency-Key": "abc-123"}
    )
    again = api(
        client, "post", "/asks", token, {"request": "Ask once"}, **{"Idempotency-Key": "abc-123"}
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["code"] == again.json()["code"]
    assert Ask.objects.filter(owner=owner).count() == 1


def test_bad_input_gets_the_forms_message(token, owner):
    client = Client()
    for body, message in [
        ({"request": ""}, "Write down what you asked for"),
        ({"request": "x", "fear_before": 11}, "Fear is a number from 0"),
        ({"request": "x", "outcome": "maybe"}, "Outcome is one of"),
        ({"request": "x", "date": "3026-01-01"}, "That date is in the future"),
        ({"request": "x", "date": "someday"}, "date"),
        ({}, "request"),
    ]:
        response = api(client, "post", "/asks", token, body)
        assert response.status_code == 422, body
        assert message in response.json()["detail"], (body, response.json())
    assert not Ask.objects.filter(owner=owner).exists()


def test_the_guard_refuses_through_the_api_too(token, owner):
    services.log_ask(owner, {"request": "Ask Dana", "to": "Dana Lee, Acme", "outcome": "no"})
    response = api(
        Client(), "post", "/asks", token, {"request": "Ask again", "to": "Dana Lee, Acme"}
    )
    assert response.status_code == 409
    body = response.json()
    assert "Dana Lee already said no" in body["detail"] and body["can_override"] is False
    verdict = api(Client(), "post", "/guard", token, {"text": "Ask a stranger for $5"}).json()
    assert verdict["allowed"] is False and verdict["alternative"]


def test_outsiders_get_404_and_anonymous_401(token, outsider, make_ask):
    mine = make_ask("Mine alone", lessons="private lesson")
    theirs = create_token(outsider)[1]
    client = Client()
    for method, path, body in [
        ("get", f"/asks/{mine.code}", None),
        ("patch", f"/asks/{mine.code}", {"request": "x"}),
        ("delete", f"/asks/{mine.code}", None),
        ("post", f"/asks/{mine.code}/outcome", {"outcome": "no"}),
    ]:
        assert api(client, method, path, theirs, body).status_code == 404
        assert api(client, method, path, None, body).status_code == 401
    listing = api(client, "get", "/asks", theirs).json()
    assert listing["count"] == 0 and "private lesson" not in json.dumps(listing)
    mine.refresh_from_db()
    assert (mine.request, mine.outcome) == ("Mine alone", "pending")


def test_read_only_tokens_read_but_never_write(owner, make_ask):
    ask = make_ask("Readable")
    read_only = create_token(owner, read_only=True)[1]
    client = Client()
    assert api(client, "get", f"/asks/{ask.code}", read_only).status_code == 200
    response = api(client, "post", "/asks", read_only, {"request": "Nope"})
    assert response.status_code == 403 and response.json()["detail"] == "This token is read-only."
    assert api(client, "delete", f"/asks/{ask.code}", read_only).status_code == 403
    assert Ask.objects.filter(owner=owner).count() == 1


def test_revoked_and_wrong_tokens_are_refused(owner, token):
    client = Client()
    assert api(client, "get", "/asks", token + "x").status_code == 401
    assert api(client, "get", "/asks", "nmt_bogus_token").status_code == 401
    from nomentum.accounts.models import ApiToken

    revoke_token(ApiToken.objects.get(user=owner))
    assert api(client, "get", "/asks", token).status_code == 401


def test_browser_session_needs_csrf(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert api(client, "get", "/asks").status_code == 200
    assert api(client, "post", "/asks", None, {"request": "Sneaky"}).status_code == 403
    assert not Ask.objects.exists()


def test_patch_changes_only_what_is_sent(token, make_ask):
    ask = make_ask("Old", tier="stretch", fear_before=6)
    response = api(Client(), "patch", f"/asks/{ask.code}", token, {"request": "New"})
    assert response.status_code == 200
    ask.refresh_from_db()
    assert (ask.request, ask.tier, ask.fear_before) == ("New", "stretch", 6)


def test_token_cli(cli, owner):
    code, out, _ = cli("token", "create", "--read-only", "--json")
    created = json.loads(out)
    assert code == 0 and created["token"].startswith("nmt_") and created["read_only"] is True
    response = api(Client(), "get", "/asks", created["token"])
    assert response.status_code == 200
    code, _, _ = cli("token", "revoke", created["id"][:8])
    assert code == 0
    assert api(Client(), "get", "/asks", created["token"]).status_code == 401


def test_tokens_are_made_and_revoked_in_settings(owner_client, owner, outsider_client):
    page = owner_client.post("/accounts/tokens/", {"name": "laptop", "read_only": "1"})
    secret = page.context["secret"]
    assert secret.encode() in page.content
    assert api(Client(), "get", "/asks", secret).status_code == 200
    token = owner.api_tokens.get()
    assert token.read_only and token.name == "laptop"
    assert secret.encode() not in owner_client.get("/accounts/settings/").content
    assert outsider_client.post("/accounts/tokens/", {"revoke": str(token.code)}).status_code == 404
    owner_client.post("/accounts/tokens/", {"revoke": str(token.code)})
    assert api(Client(), "get", "/asks", secret).status_code == 401


LONG_NAME = "n" * 61


def test_a_token_name_over_sixty_characters_is_refused_by_every_door(owner, owner_client, cli):
    from nomentum.accounts.models import ApiToken

    response = api(Client(), "post", "/tokens", create_token(owner)[1], {"name": LONG_NAME})
    assert response.status_code == 422
    assert response.json()["errors"]["name"] == ["Keep the name under 60 characters."]
    page = owner_client.post("/accounts/tokens/", {"name": LONG_NAME}, follow=True)
    assert "Token not made: Keep the name under 60 characters." in page.content.decode()
    code, out, err = cli("token", "create", "--name", LONG_NAME)
    assert (code, out, err) == (2, "", "nomentum: --name: Keep the name under 60 characters.\n")
    assert not ApiToken.objects.filter(name__startswith="nnn").exists()


def test_revoking_a_token_by_a_code_that_is_no_code_is_a_404(owner_client, owner):
    secret = create_token(owner)[1]
    assert owner_client.post("/accounts/tokens/", {"revoke": "not-a-uuid"}).status_code == 404
    assert api(Client(), "get", "/asks", secret).status_code == 200


def test_wrongly_typed_input_gets_the_words_of_that_endpoints_own_form(token, owner):
    plan = api(Client(), "post", "/plan", token, {"target": "lots"})
    assert plan.status_code == 422
    assert plan.json()["errors"]["target"] == ["Enter a whole number."]
    challenge = api(Client(), "post", "/challenges", token, {"template": "custom", "target": "x"})
    assert challenge.json()["errors"]["target"] == ["Pick a target between 1 and 100,000."]


def test_pitches_are_made_copied_renamed_and_retired_over_the_api(token, owner):
    client = Client()
    first = api(
        client, "post", "/pitches", token, {"name": " Cold  email v1 ", "text": "Hi, I loved…"}
    )
    assert first.status_code == 201 and first.json()["name"] == "Cold email v1"
    code = first.json()["code"]
    for i, outcome in enumerate(("no", "yes", "pending")):
        saved = services.log_ask(owner, {"request": f"Pitch {i}", "pitch": "cold email v1"})
        services.record_outcome(saved.ask, outcome)
    # A copy to edit: the same text under a new name; a name in use is refused by name.
    taken = api(client, "post", "/pitches", token, {"name": "COLD EMAIL V1", "text": "x"})
    assert taken.status_code == 422
    assert "You have a pitch with this name already." in taken.content.decode()
    copy = api(client, "post", "/pitches", token, {"name": "Cold email v2", "text": "Hi, I…"})
    assert copy.status_code == 201
    listed = {p["name"]: p for p in api(client, "get", "/pitches", token).json()}
    assert {k: listed["Cold email v1"][k] for k in ("asks", "settled", "replied", "yes")} == {
        "asks": 3,
        "settled": 2,
        "replied": 2,
        "yes": 1,
    }
    assert listed["Cold email v2"]["asks"] == 0
    changed = api(client, "patch", f"/pitches/{code}", token, {"name": "Cold email (old)"})
    assert changed.json()["name"] == "Cold email (old)" and changed.json()["asks"] == 3
    retired = api(client, "patch", f"/pitches/{code}", token, {"retired": True})
    assert retired.json()["retired"] is True and retired.json()["text"] == "Hi, I loved…"
    empty = api(client, "patch", f"/pitches/{code}", token, {"name": "  "})
    assert empty.status_code == 422
    assert api(client, "get", "/pitches", token).json()[-1]["name"] == "Cold email (old)"
