"""Every endpoint of the OpenAPI schema, for the owner, an outsider, an anonymous caller
and a read-only token. A new endpoint without a row here fails the first test."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.accounts.services import create_token
from nomentum.api.core import api as ninja_api
from nomentum.asks import services
from nomentum.asks.models import Ask, Contact, FollowUp
from nomentum.challenges.models import Challenge
from nomentum.groups import services as group_services
from nomentum.journal import services as journal
from tests.factories import add_goal, make_plan, start_challenge

WEEK = "2026-W47"

# path -> method -> body that is valid for the owner
BODIES: dict[str, dict[str, dict | None]] = {
    "/api/asks": {"get": None, "post": {"request": "Ask for a ride"}},
    "/api/asks/{code}": {"get": None, "patch": {"notes": "later"}, "delete": None},
    "/api/asks/{code}/outcome": {"post": {"outcome": "no"}},
    "/api/contacts": {"get": None},
    "/api/pitches": {"get": None, "post": {"name": "Warm intro v2"}},
    "/api/pitches/{code}": {"patch": {"retired": True}},
    "/api/contacts/{code}": {"get": None, "patch": {"notes": "met at a fair"}},
    "/api/contacts/{code}/merge": {"post": {"other": "OTHER_CONTACT"}},
    "/api/followups": {"get": None},
    "/api/followups/{code}/done": {"post": None},
    "/api/followups/{code}/snooze": {"post": {"until": "2099-01-01"}},
    "/api/followups/{code}/dismiss": {"post": None},
    "/api/challenges": {"get": None, "post": {"template": "custom", "name": "Side", "target": 5}},
    "/api/challenges/{code}": {"get": None},
    "/api/challenges/{code}/goals": {"post": {"count": 2}},
    "/api/challenges/{code}/catch-up": {"post": {"how": "extend"}},
    "/api/rest": {"post": {"days": 2}},
    "/api/goals/{code}": {"delete": None},
    "/api/plan": {"get": None, "post": {"areas": ["social"]}},
    "/api/plan/items/{code}": {"post": {"done": True}},
    "/api/today": {"get": None},
    "/api/guard": {"post": {"text": "Ask for a coffee"}},
    "/api/stats": {"get": None},
    "/api/import": {"post": None},
    "/api/export": {"get": None},
    "/api/tokens": {"get": None, "post": {"name": "script"}},
    "/api/tokens/{token_id}": {"delete": None},
    "/api/groups": {"get": None, "post": {"name": "Side group"}},
    "/api/groups/join": {"post": {"code": "INVITE_CODE"}},
    "/api/groups/{group}/board": {"get": None},
    "/api/groups/{group}/feed": {"get": None},
    "/api/groups/{group}/summary": {"get": None},
    "/api/insights": {"get": None},
    "/api/journal/weeks": {"get": None},
    "/api/journal/weeks/{week}": {"get": None, "patch": {"learned": "Ask earlier"}},
    "/api/journal/weeks/{week}/review": {"get": None},
    "/api/journal/weeks/{week}/feedback": {"post": None},
    "/api/journal/weeks/{week}/share": {"post": {"group": "Mine", "text": "Ask earlier"}},
    "/api/journal/shared/{code}": {"delete": None},
}


def test_every_endpoint_is_in_the_matrix(db):
    paths = ninja_api.get_openapi_schema()["paths"]
    assert {p: sorted(ops) for p, ops in paths.items()} == {
        p: sorted(ops) for p, ops in BODIES.items()
    }


@pytest.fixture
def world(owner):
    """One of each object, owned by alice."""
    ask = services.log_ask(
        owner,
        {
            "request": "Ask Dana for a referral",
            "to": "Dana, Acme",
            "lessons": "SECRET-42",
            "pitch": "Warm intro v1",
        },
    ).ask
    services.log_ask(owner, {"request": "Ask Dan for advice", "to": "Dan"})
    # Day 13 of 100 in 30 with nothing counted: far enough behind to be offered a way out.
    started = timezone.localdate() - timedelta(days=12)
    challenge = start_challenge(owner, "custom", target=100, days=30, start=started, name="Mine")
    goal = add_goal(challenge, count=1)
    plan = make_plan(owner, areas=["career"], seed=1)
    followup = FollowUp.objects.create(
        owner=owner, ask=ask, kind=FollowUp.Kind.NUDGE, due=ask.date, text="Nudge Dana"
    )
    token = create_token(owner, name="spare")[0]
    created = group_services.create_group(
        owner, {"name": "Mine", "start": ask.date, "end": ask.date, "weekly_goal": 2}
    )
    group = created.group
    journal.save_answers(owner, journal.week_named(owner, WEEK), {"learned": "SECRET-42"})
    shared = journal.share_lesson(
        group.memberships.get(user=owner), journal.week_named(owner, WEEK), "Ask early"
    )
    elsewhere = group_services.create_group(
        User.objects.create_user("olga"),
        {"name": "Olga's", "start": ask.date, "end": ask.date, "weekly_goal": 2},
    ).group
    return {
        "/api/groups/{group}": group.code,
        "INVITE_CODE": elsewhere.invite_code,
        "/api/asks/{code}": ask.code,
        "/api/contacts/{code}": Contact.objects.get(owner=owner, name="Dana").code,
        "/api/pitches/{code}": ask.pitch.code,
        "OTHER_CONTACT": str(Contact.objects.get(owner=owner, name="Dan").code),
        "/api/followups/{code}": followup.code,
        "/api/challenges/{code}": challenge.code,
        "/api/goals/{code}": goal.code,
        "/api/plan/items/{code}": plan.items.first().code,
        "/api/tokens/{token_id}": token.code,
        "/api/journal/shared/{code}": shared.code,
        "/api/journal/weeks/{week}": WEEK,
    }


def _call(world, path: str, method: str, token: str | None, client: Client | None = None):
    url = path
    for prefix, code in world.items():
        stem = prefix.split("{")[0]
        if prefix.startswith("/api/") and path.startswith(stem) and "{" in path:
            url = (
                path.replace("{code}", str(getattr(code, "code", code)))
                .replace("{token_id}", str(code))
                .replace("{group}", str(code))
                .replace("{week}", str(code))
            )
            break
    body = BODIES[path][method]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = client or Client()
    if path == "/api/import":
        upload = {"file": ("log.csv", b"Date,Request\n2026-11-02,Ask for a lift\n")}
        from django.core.files.uploadedfile import SimpleUploadedFile

        file = SimpleUploadedFile(*upload["file"])
        return client.post(url, {"file": file}, headers=headers)
    if body is not None:
        text = json.dumps(body).replace("OTHER_CONTACT", world["OTHER_CONTACT"])
        text = text.replace("INVITE_CODE", world["INVITE_CODE"])
        return getattr(client, method)(url, text, content_type="application/json", headers=headers)
    return getattr(client, method)(url, headers=headers)


CASES = [(p, m) for p, ops in BODIES.items() for m in ops]


@pytest.mark.parametrize(("path", "method"), CASES)
def test_anonymous_callers_get_401(world, path, method):
    assert _call(world, path, method, None).status_code == 401
    assert Ask.objects.count() == 2


# A week is not an object: an outsider asking for week 47 gets their own (see
# tests/journal for what they never see of the owner's).
@pytest.mark.parametrize(
    ("path", "method"), [c for c in CASES if "{" in c[0] and "{week}" not in c[0]]
)
def test_outsiders_get_404_for_someone_elses_objects(world, outsider, path, method):
    response = _call(world, path, method, create_token(outsider)[1])
    assert response.status_code == 404, response.content
    assert b"SECRET-42" not in response.content
    assert Ask.objects.filter(owner__username="charlie").count() == 0


READS = ("/api/guard", "/api/journal/weeks/{week}/feedback")  # they only read
WRITES = [c for c in CASES if c[1] != "get" and c[0] not in READS]


@pytest.mark.parametrize(("path", "method"), WRITES)
def test_read_only_tokens_cannot_write(world, owner, path, method):
    before = (Ask.objects.count(), Challenge.objects.count(), owner.api_tokens.count())
    response = _call(world, path, method, create_token(owner, read_only=True)[1])
    assert response.status_code == 403, (path, method, response.content)
    assert (Ask.objects.count(), Challenge.objects.count(), owner.api_tokens.count() - 1) == before


# What the owner's request answers when it is not 200 OK.
CREATED = {
    ("post", "/api/asks"): 201,
    ("post", "/api/challenges"): 201,
    ("post", "/api/challenges/{code}/goals"): 201,
    ("post", "/api/plan"): 201,
    ("post", "/api/tokens"): 201,
    ("post", "/api/groups"): 201,
    ("post", "/api/groups/join"): 201,
    ("delete", "/api/asks/{code}"): 204,
    ("delete", "/api/goals/{code}"): 204,
    ("post", "/api/journal/weeks/{week}/share"): 201,
    ("delete", "/api/journal/shared/{code}"): 204,
    ("post", "/api/pitches"): 201,
}


@pytest.mark.parametrize(("path", "method"), CASES)
def test_the_owner_gets_an_answer(world, owner, path, method):
    response = _call(world, path, method, create_token(owner)[1])
    assert response.status_code == CREATED.get((method, path), 200), (
        path,
        method,
        response.content,
    )


@pytest.mark.parametrize(
    "path", [p for p, ops in BODIES.items() if "get" in ops and "{" not in p and p != "/api/export"]
)
def test_lists_never_show_another_users_things(world, outsider, path):
    response = _call(world, path, "get", create_token(outsider)[1])
    assert response.status_code == (404 if path == "/api/plan" else 200)  # they have no plan
    text = response.content.decode()
    for marker in ("SECRET-42", "Dana", "Mine", "spare", "Side group"):
        assert marker not in text, (path, marker)


def test_nul_characters_are_a_400_not_a_database_error(owner):
    """PostgreSQL refuses NUL in text; the app says so before the database is asked."""
    token = create_token(owner)[1]
    bearer = {"Authorization": f"Bearer {token}"}
    client = Client()
    assert client.get("/api/contacts?q=a%00b", headers=bearer).status_code == 400
    body = json.dumps({"text": "ask\u0000", "to": "Dana\u0000"})
    response = client.post("/api/guard", body, content_type="application/json", headers=bearer)
    assert response.status_code == 400
    web = Client()
    web.force_login(owner)
    assert web.get("/contacts/?q=%00").status_code == 400
    assert web.post("/groups/join/", {"code": "AB\x00CD"}).status_code == 400
