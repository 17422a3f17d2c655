from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from nomentum.challenges.models import Challenge
from nomentum.coach import services
from nomentum.coach.models import Idea, IdeaMark, Plan

ANSWERS = {
    "areas": ["everyday", "social"],
    "fears": ["strangers"],
    "fear_text": "talking to people I don't know",
    "comfort": 1,
    "weeks": 4,
    "target": 20,
}


@pytest.fixture
def plan(owner, today):
    return services.create_plan(owner, ANSWERS, today, seed=11)


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


def test_without_a_plan_the_coach_starts_with_the_questions(owner_client):
    response = owner_client.get("/coach/", follow=True)
    assert response.redirect_chain[-1][0] == "/coach/questions/"
    assert b"What scares you most?" in response.content


def test_answering_the_questions_makes_a_saved_plan(owner_client, owner):
    response = owner_client.post(
        "/coach/questions/",
        {**ANSWERS, "areas": ["everyday", "social"], "fears": ["strangers"]},
        follow=True,
    )
    plan = Plan.objects.get(owner=owner)
    assert plan.weekly_targets and sum(plan.weekly_targets) == 20
    body = response.content.decode()
    assert "Week 1" in body and "Week 4" in body
    first = plan.items.filter(week=1).first()
    assert escape(first.text) in body and first.tier == "comfort"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"areas": []}, "Pick at least one area."),
        ({"weeks": 0}, "A plan runs 1 to 52 weeks."),
        ({"target": 0}, "Aim for at least 1 ask."),
        ({"comfort": 9}, "Comfort is a level"),
    ],
)
def test_bad_answers_are_explained_and_no_plan_is_made(owner_client, owner, change, message):
    response = owner_client.post("/coach/questions/", {**ANSWERS, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.filter(owner=owner).exists()


def test_ticking_an_item_prefills_the_log_form(owner_client, plan):
    item = plan.items.first()
    response = owner_client.post(reverse("coach:tick", args=[item.code]))
    url = urlparse(response["Location"])
    assert url.path == "/asks/new/"
    assert parse_qs(url.query)["request"] == [item.text]
    form = owner_client.get(response["Location"]).context["form"]
    assert form.initial["request"] == item.text
    assert form.initial["tier"] == item.tier
    item.refresh_from_db()
    assert item.done
    assert IdeaMark.objects.get(idea=item.idea).done_on is not None


def test_regenerate_swap_and_remove(owner_client, plan):
    before = list(plan.items.values_list("text", flat=True))
    owner_client.post(reverse("coach:regenerate", args=[plan.code]))
    plan.refresh_from_db()
    assert list(plan.items.values_list("text", flat=True)) != before
    item = plan.items.first()
    owner_client.post(reverse("coach:swap", args=[item.code]))
    swapped = plan.items.get(pk=item.pk)
    assert swapped.text != item.text and swapped.tier == item.tier
    owner_client.post(reverse("coach:remove", args=[item.code]))
    assert not plan.items.filter(pk=item.pk).exists()


def test_a_plan_can_start_a_matching_challenge(owner_client, plan):
    response = owner_client.post(reverse("coach:plan_challenge", args=[plan.code]))
    challenge = Challenge.objects.get(owner=plan.owner)
    assert response["Location"] == f"/challenges/{challenge.code}/"
    assert (challenge.target, challenge.start, challenge.counts) == (20, plan.start, "all")
    assert (challenge.end - challenge.start).days + 1 == 28


@pytest.mark.parametrize("name", ["regenerate", "plan_challenge", "tick", "swap", "remove"])
def test_another_users_plan_is_a_404(outsider_client, plan, name):
    code = plan.code if name in ("regenerate", "plan_challenge") else plan.items.first().code
    response = outsider_client.post(reverse(f"coach:{name}", args=[code]))
    assert response.status_code == 404
    assert not Challenge.objects.exists()
    assert not plan.items.filter(done=True).exists()


def test_own_ideas_are_private_and_guarded(owner_client, outsider_client, owner):
    refused = owner_client.post(
        "/coach/ideas/",
        {
            "text": "Ask a stranger on the bus for their phone number",
            "area": "dating",
            "tier": "stretch",
        },
    )
    assert refused.status_code == 400
    assert "makes people feel unsafe" in refused.content.decode()
    assert not Idea.objects.filter(owner=owner).exists()
    owner_client.post(
        "/coach/ideas/",
        {"text": "Ask the library to host my zine fair", "area": "creative", "tier": "stretch"},
    )
    mine = Idea.objects.get(owner=owner)
    assert b"Ask the library to host my zine fair" in owner_client.get("/coach/ideas/").content
    assert b"zine fair" not in outsider_client.get("/coach/ideas/").content
    response = outsider_client.post(reverse("coach:hide", args=[mine.code]))
    assert response.status_code == 404


def test_hidden_ideas_leave_the_library_and_future_plans(owner_client, owner, today):
    idea = Idea.objects.filter(owner=None, area="everyday", tier="comfort").first()
    owner_client.post(reverse("coach:hide", args=[idea.code]))
    assert escape(idea.text).encode() not in owner_client.get("/coach/ideas/?area=everyday").content
    assert (
        escape(idea.text).encode()
        in owner_client.get("/coach/ideas/?area=everyday&hidden=1").content
    )
    plan = services.create_plan(
        owner, {**ANSWERS, "areas": ["everyday"], "target": 100, "weeks": 8}, today, seed=3
    )
    assert not plan.items.filter(idea=idea).exists()


def test_one_ask_for_today_comes_from_this_weeks_plan(owner_client, plan):
    response = owner_client.get("/coach/today/", headers={"HX-Request": "true"})
    week_one = set(plan.items.filter(week=1).values_list("text", flat=True))
    assert response.context["idea"].text in week_one
    assert b"log it" in response.content
    again = owner_client.get("/coach/today/")
    assert again.context["idea"].text == response.context["idea"].text  # steady for the day


def test_coach_posts_need_csrf(owner, plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(reverse("coach:regenerate", args=[plan.code])).status_code == 403
    assert client.post("/coach/questions/", ANSWERS).status_code == 403


def test_coach_pages_ask_anonymous_visitors_to_log_in(db):
    for url in ("/coach/", "/coach/questions/", "/coach/ideas/", "/coach/today/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
