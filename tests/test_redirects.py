"""After a form, the app sends people only to its own pages: a `next` or `back` that
points at another site is ignored (no open redirects)."""

import pytest

from nomentum.asks.models import FollowUp
from nomentum.coach.models import Idea

ELSEWHERE = [
    "https://evil.example/phish",
    "//evil.example/x",
    "/\\evil.example",
    "http:evil.example",
]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_follow_up_action_never_sends_you_to_another_site(target, owner, owner_client, make_ask):
    ask = make_ask("Pitch a talk", outcome="no")
    followup = FollowUp.objects.filter(ask=ask).first()
    response = owner_client.post(f"/followups/{followup.code}/done/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/followups/"


def test_a_follow_up_action_returns_to_the_page_it_came_from(owner, owner_client, make_ask):
    ask = make_ask("Pitch a talk", outcome="no")
    followup = FollowUp.objects.filter(ask=ask).first()
    response = owner_client.post(f"/followups/{followup.code}/dismiss/", {"next": "/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_hiding_an_idea_never_sends_you_to_another_site(target, owner, owner_client):
    idea = Idea.objects.filter(owner=None).first()
    response = owner_client.post(f"/coach/ideas/{idea.code}/hide/", {"back": target})
    assert response.status_code == 302
    assert response["Location"] == "/coach/ideas/"
