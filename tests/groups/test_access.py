"""Every group page and endpoint for the organiser, a member, an ex-member, an outsider
and an anonymous visitor; and a planted marker that must never leave its owner."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from nomentum.accounts.services import create_token
from nomentum.asks import services as asks
from nomentum.groups import services
from nomentum.groups.models import Event, Membership
from nomentum.journal import services as journal
from nomentum.journal.prompts import PROMPTS
from tests.groups.conftest import START, client_for, person

# url name -> (method, needs organiser)
PAGES = [
    ("detail", "get", False),
    ("week", "get", False),
    ("summary", "get", False),
    ("summary_csv", "get", False),
    ("leave", "get", False),
    ("sharing", "post", False),
    ("check_in", "post", False),
    ("undo_check_in", "post", False),
    ("share", "post", False),
    ("cheer", "post", False),
    ("manage", "get", True),
    ("rotate", "post", True),
    ("remove", "post", True),
    ("promote", "post", True),
    ("close", "post", True),
]


@pytest.fixture
def cast(november, member):
    """organiser alice, member bob, ex-member erin, outsider charlie."""
    erin = person("erin")
    services.join_group(erin, november, 3, today=START)
    services.leave(Membership.objects.get(user=erin, group=november))
    carol = person("carol")
    services.join_group(carol, november, 3, today=START)
    ask = asks.log_ask(member, {"request": "Ask for a stall", "date": date(2026, 11, 2)}).ask
    bob = Membership.objects.get(user=member, group=november)
    services.share_ask(bob, ask)
    return {
        "organiser": november.memberships.get(role="organiser").user,
        "member": member,
        "ex-member": erin,
        "outsider": person("charlie"),
        "carol": Membership.objects.get(user=carol, group=november),
        "ask": ask,
        "event": Event.objects.filter(group=november, kind="shared").get(),
    }


def _url(name: str, group, cast) -> str:
    kwargs: dict = {"code": group.code}
    if name == "week":
        kwargs["number"] = 1
    elif name == "undo_check_in":
        kwargs["week"] = 1
    elif name == "share":
        kwargs["ask_code"] = cast["ask"].code
    elif name == "cheer":
        kwargs["event_id"] = cast["event"].pk
    elif name in ("remove", "promote"):
        kwargs["member_id"] = cast["carol"].pk
    return reverse(f"groups:{name}", kwargs=kwargs)


@pytest.mark.parametrize(("name", "method", "organiser_only"), PAGES)
@pytest.mark.parametrize("who", ["organiser", "member", "ex-member", "outsider", "anonymous"])
def test_group_pages(november, cast, who, name, method, organiser_only):
    client = Client() if who == "anonymous" else client_for(cast[who])
    response = getattr(client, method)(_url(name, november, cast))
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif who in ("ex-member", "outsider") or (organiser_only and who != "organiser"):
        assert response.status_code == 404
    elif name == "share" and who == "organiser":
        assert response.status_code == 404  # bob's ask: only bob can share it
    else:
        expected = 200 if method == "get" and name != "join" else 302  # a member joined already
        assert response.status_code == expected, response.content[:300]
    if who != "organiser":  # nothing changed by anyone but the organiser
        assert Membership.objects.get(pk=cast["carol"].pk).left_at is None
        november.refresh_from_db()
        assert november.closed_at is None


@pytest.mark.parametrize("path", ["/board", "/feed", "/summary"])
@pytest.mark.parametrize("who", ["organiser", "member", "ex-member", "outsider", "anonymous"])
def test_group_endpoints(november, cast, who, path):
    headers = (
        {} if who == "anonymous" else {"Authorization": f"Bearer {create_token(cast[who])[1]}"}
    )
    response = Client().get(f"/api/groups/{november.code}{path}", headers=headers)
    expected = {"anonymous": 401, "ex-member": 404, "outsider": 404}.get(who, 200)
    assert response.status_code == expected


def test_joining_by_link_and_code(november):
    dave = person("dave")
    client = client_for(dave)
    page = client.get(reverse("groups:join", kwargs={"invite": november.invite_code.lower()}))
    assert page.status_code == 200 and b"November of NO" in page.content
    found = client.post(reverse("groups:join_code"), {"code": november.invite_code})
    assert found.status_code == 302
    joined = client.post(
        reverse("groups:join", kwargs={"invite": november.invite_code}), {"weekly_goal": "4"}
    )
    assert joined.status_code == 302
    assert Membership.objects.get(user=dave, group=november).weekly_goal == 4
    bad = client_for(person("eve")).post(
        reverse("groups:join", kwargs={"invite": november.invite_code}), {"weekly_goal": "0"}
    )
    assert bad.status_code == 400 and "A weekly goal is a number from 1 to 1,000." in (
        bad.content.decode()
    )
    assert not Membership.objects.filter(user__username="eve").exists()


MARKER = "ZXQ-PRIVATE-MARKER"


def test_nothing_private_leaves_its_owner(november, cast, member, owner):
    # bob shares one ask (its lesson and notes are private) and keeps others to himself.
    bob = Membership.objects.get(user=member, group=november)
    services.set_sharing(bob, on_board=True, share_all=False, show_names=False)
    shared = asks.log_ask(
        member,
        {
            "request": "Ask the market for a stall",
            "to": f"Quincy {MARKER}, Acme",
            "date": date(2026, 11, 3),
            "outcome": "no",
            "lessons": f"lesson {MARKER}",
            "notes": f"notes {MARKER}",
            "follow_up": f"follow {MARKER}",
            "worst_case": f"worst {MARKER}",
            "best_case": f"best {MARKER}",
        },
    ).ask
    services.share_ask(bob, shared)
    asks.log_ask(
        member,
        {"request": f"Unshared {MARKER}", "date": date(2026, 11, 4), "lessons": MARKER},
    )
    services.check_in(bob, 2, 3, 2, 0)
    # His journal: every prompt answered with the marker; one lesson shared on purpose.
    week = journal.week_named(member, "2026-W45")
    journal.save_answers(member, week, {p.id: f"{p.id} {MARKER}" for p in PROMPTS})
    journal.share_lesson(bob, week, "Ask earlier in the week")
    viewers = [owner, cast["carol"].user]
    for viewer in viewers:
        client = client_for(viewer)
        token = create_token(viewer)[1]
        responses = [client.get(_url(n, november, cast)) for n, m, org in PAGES if m == "get"]
        responses += [client.get(reverse("groups:week", args=[november.code, w])) for w in (1, 2)]
        responses += [
            client.get(
                f"/api/groups/{november.code}{p}", headers={"Authorization": f"Bearer {token}"}
            )
            for p in ("/board", "/feed", "/summary")
        ]
        responses.append(client.get("/api/groups", headers={"Authorization": f"Bearer {token}"}))
        for response in responses:
            body = response.content.decode("utf-8", "replace")
            assert MARKER not in body, response.request["PATH_INFO"]
        feed = json.loads(
            client.get(
                f"/api/groups/{november.code}/feed", headers={"Authorization": f"Bearer {token}"}
            ).content
        )
        shared_items = [i for i in feed["items"] if i["kind"] == "shared"]
        assert {"Ask the market for a stall"} <= {i["text"] for i in shared_items}
        assert "Q.Z., A." in {i["to"] for i in shared_items}
        detail = client.get(_url("detail", november, cast)).content.decode()
        assert "Ask earlier in the week" in detail  # the one lesson he chose to share
