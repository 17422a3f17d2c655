import zoneinfo
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks import services as asks
from nomentum.challenges.catalog import month_of
from nomentum.challenges.models import Challenge, Goal

PAGES = ["detail", "edit", "burnup", "summary"]


@pytest.mark.parametrize("page", PAGES)
def test_challenge_pages_are_the_owners_alone(page, make_challenge, owner_client, outsider_client):
    challenge = make_challenge(name="Secret sprint")
    url = reverse(f"challenges:{page}", args=[challenge.code])
    assert owner_client.get(url).status_code == 200
    response = outsider_client.get(url)
    assert response.status_code == 404
    assert b"Secret sprint" not in response.content
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_outsiders_cannot_change_a_challenge_or_its_goals(make_challenge, outsider_client, today):
    challenge = make_challenge()
    goal = Goal.objects.create(challenge=challenge, count=3, period="week")
    edit = outsider_client.post(
        reverse("challenges:edit", args=[challenge.code]),
        {"name": "Hijacked", "target": 1, "start": today, "end": today, "counts": "all"},
    )
    add = outsider_client.post(
        reverse("challenges:add_goal", args=[challenge.code]),
        {"count": 1, "metric": "no", "period": "week"},
    )
    remove = outsider_client.post(reverse("challenges:remove_goal", args=[goal.code]))
    assert (edit.status_code, add.status_code, remove.status_code) == (404, 404, 404)
    challenge.refresh_from_db()
    assert challenge.name == "100 in 30" and challenge.goals.count() == 1


def test_challenge_posts_need_csrf(owner, make_challenge, today):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(
        "/challenges/start/custom/",
        {"template": "custom", "name": "x", "target": 5, "start": today, "end": today},
    )
    assert response.status_code == 403
    assert not Challenge.objects.exists()


def test_starting_100_in_30_is_two_clicks_with_sensible_defaults(owner_client, owner, today):
    index = owner_client.get("/challenges/")
    assert b"/challenges/start/100-in-30/" in index.content
    form = owner_client.get("/challenges/start/100-in-30/")
    initial = form.context["form"].initial
    assert (initial["start"], initial["end"], initial["target"]) == (
        today,
        today + timedelta(days=29),
        100,
    )
    data = {k: v for k, v in initial.items() if v is not None}
    response = owner_client.post("/challenges/start/100-in-30/", data, follow=True)
    challenge = Challenge.objects.get(owner=owner)
    assert response.redirect_chain[-1][0] == f"/challenges/{challenge.code}/"
    assert b"Warming up" in response.content
    assert b"25 more this week" in response.content


def test_monthly_target_follows_the_weekly_goal(owner_client, owner, today):
    initial = owner_client.get("/challenges/start/monthly-group/").context["form"].initial
    data = {k: v for k, v in initial.items() if v is not None}
    data["weekly_goal"] = 5
    owner_client.post("/challenges/start/monthly-group/", data)
    challenge = Challenge.objects.get(owner=owner)
    assert challenge.target == 20
    assert challenge.start == month_of(today)[0]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"target": 0}, "target", "Pick a target between 1 and 100,000."),
        ({"target": 10_000_000}, "target", "Pick a target between 1 and 100,000."),
        ({"end": "2020-01-01"}, "end", "The end comes before the start."),
        ({"end": "2099-01-01"}, "end", "A challenge lasts 1 to 3,650 days."),
        ({"name": ""}, "name", "Give the challenge a name."),
        ({"counts": "maybe"}, "counts", "Counts is one of"),
    ],
)
def test_bad_challenge_input_is_explained_and_nothing_is_saved(
    change, field, message, owner_client, owner, today
):
    data = {
        "template": "custom",
        "name": "Sprint",
        "target": 10,
        "start": today,
        "end": today + timedelta(days=13),
        "counts": "no",
    }
    data.update(change)
    response = owner_client.post("/challenges/start/custom/", data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Challenge.objects.filter(owner=owner).exists()


def test_two_challenges_cannot_share_a_name(make_challenge, owner_client, owner, today):
    make_challenge(name="Spring of NO")
    response = owner_client.post(
        "/challenges/start/custom/",
        {
            "template": "custom",
            "name": "spring of no",
            "target": 10,
            "start": today,
            "end": today,
            "counts": "no",
        },
    )
    assert response.status_code == 400
    assert "You already have a challenge called" in response.content.decode()
    assert Challenge.objects.filter(owner=owner).count() == 1


def test_other_users_may_use_the_same_name(make_challenge, outsider_client, outsider, today):
    make_challenge(name="Spring of NO")
    response = outsider_client.post(
        "/challenges/start/custom/",
        {
            "template": "custom",
            "name": "Spring of NO",
            "target": 10,
            "start": today,
            "end": today,
            "counts": "no",
        },
    )
    assert response.status_code == 302
    assert Challenge.objects.filter(owner=outsider).exists()


def _counted(client, challenge):
    response = client.get(reverse("challenges:detail", args=[challenge.code]))
    return response.context["p"].pace.counted


def test_counts_follow_rules_edits_and_deletes(make_challenge, make_ask, owner_client, today):
    challenge = make_challenge()
    no = make_ask("no", outcome="no", category="job")
    make_ask("silence", outcome="no_response", category="pitch")
    make_ask("yes", outcome="yes", category="job")
    make_ask("pending", category="job")
    make_ask("before the start", outcome="no", date=today - timedelta(days=10))
    make_ask("talked out of it", outcome="no", self_rejection=True)
    assert _counted(owner_client, challenge) == 1

    for counts, expected in (("no+silence", 2), ("all", 4), ("no", 1)):
        owner_client.post(
            reverse("challenges:edit", args=[challenge.code]),
            {
                "name": challenge.name,
                "target": 100,
                "start": challenge.start,
                "end": challenge.end,
                "counts": counts,
            },
        )
        assert _counted(owner_client, challenge) == expected, counts

    owner_client.post(
        reverse("challenges:edit", args=[challenge.code]),
        {
            "name": challenge.name,
            "target": 100,
            "start": challenge.start,
            "end": challenge.end,
            "counts": "all",
            "categories": ["pitch"],
        },
    )
    assert _counted(owner_client, challenge) == 1

    owner_client.post(
        reverse("challenges:edit", args=[challenge.code]),
        {
            "name": challenge.name,
            "target": 100,
            "start": challenge.start,
            "end": challenge.end,
            "counts": "no",
        },
    )
    asks.record_outcome(make_ask("later no"), "no")
    assert _counted(owner_client, challenge) == 2
    asks.update_ask(no, {"outcome": "yes"})
    assert _counted(owner_client, challenge) == 1
    asks.delete_ask(no)
    assert _counted(owner_client, challenge) == 1


def test_an_ask_counts_toward_every_challenge_it_fits(make_challenge, make_ask, owner_client):
    first = make_challenge(name="One")
    second = make_challenge(name="Two", counts="all")
    make_ask("a no", outcome="no")
    assert (_counted(owner_client, first), _counted(owner_client, second)) == (1, 1)


def test_a_goal_far_above_your_best_week_warns_until_confirmed(
    make_challenge, make_ask, owner_client
):
    challenge = make_challenge()
    for i in range(4):
        make_ask(f"no {i}", outcome="no")
    url = reverse("challenges:add_goal", args=[challenge.code])
    warned = owner_client.post(url, {"count": 100, "metric": "no", "period": "week"})
    assert warned.status_code == 400
    body = warned.content.decode()
    assert "more than three times your best week so far (4)" in body
    assert "Keep this goal anyway" in body
    assert not challenge.goals.exists()
    owner_client.post(url, {"count": 100, "metric": "no", "period": "week", "confirm": "on"})
    assert challenge.goals.get().count == 100


def test_a_realistic_goal_is_added_and_shows_progress(make_challenge, make_ask, owner_client):
    challenge = make_challenge()
    make_ask("Pitch the Riverside podcast", outcome="yes", category="pitch")
    make_ask("Pitch a magazine", outcome="yes", category="pitch")
    owner_client.post(
        reverse("challenges:add_goal", args=[challenge.code]),
        {"count": 2, "metric": "yes", "period": "month", "keyword": "podcast"},
    )
    goal = challenge.goals.get()
    assert goal.describe() == "2 podcast yeses a month"
    assert goal.kind == "outcome"
    detail = owner_client.get(reverse("challenges:detail", args=[challenge.code]))
    [progress] = detail.context["p"].goals
    assert (progress.done, progress.met, progress.left) == (1, False, 1)


def test_a_goal_period_longer_than_the_challenge_is_refused(make_challenge, owner_client, today):
    challenge = make_challenge(name="Short", start=today, end=today + timedelta(days=4))
    response = owner_client.post(
        reverse("challenges:add_goal", args=[challenge.code]),
        {"count": 3, "metric": "no", "period": "week"},
    )
    assert response.status_code == 400
    assert "needs a challenge of at least 7 days; this one has 5" in response.content.decode()
    assert not challenge.goals.exists()


def test_burnup_is_an_svg_image_with_both_lines(make_challenge, make_ask, owner_client):
    challenge = make_challenge()
    make_ask("a no", outcome="no")
    response = owner_client.get(reverse("challenges:burnup", args=[challenge.code]))
    assert response["Content-Type"] == "image/svg+xml"
    assert "script" not in response["Content-Security-Policy"]
    root = ElementTree.fromstring(response.content)
    assert root.tag.endswith("svg")
    text = response.content.decode()
    assert "Target" in text and "Counted" in text
    assert "<script" not in text


def test_detail_has_a_text_alternative_to_the_chart(make_challenge, make_ask, owner_client, today):
    challenge = make_challenge(start=today - timedelta(days=8), end=today + timedelta(days=21))
    make_ask("old no", outcome="no", date=today - timedelta(days=8))
    make_ask("new no", outcome="no")
    response = owner_client.get(reverse("challenges:detail", args=[challenge.code]))
    weeks = response.context["weeks"]
    assert [(w.week, w.counted, w.cumulative, w.target) for w in weeks] == [
        (1, 1, 1, 25),
        (2, 1, 2, 50),
    ]
    assert b'alt="Burn-up chart of 100 in 30: 2 counted of 100' in response.content


def test_summary_tells_the_story(make_challenge, make_ask, owner_client, today):
    challenge = make_challenge(start=today - timedelta(days=40), end=today - timedelta(days=11))
    day = today - timedelta(days=20)
    make_ask("Ask for a discount", outcome="no", tier="comfort", date=day)
    make_ask(
        "Ask the CEO for coffee",
        outcome="no",
        tier="moonshot",
        date=day,
        sting_after=7,
        lessons="Lead with what's in it for them.",
    )
    make_ask("Pitch the podcast", outcome="yes", tier="stretch", date=day, game_changer=True)
    make_ask("Ask for a raise", outcome="no_response", date=day)
    make_ask("Outside the period", outcome="yes", date=today)
    response = owner_client.get(reverse("challenges:summary", args=[challenge.code]))
    body = response.content.decode()
    assert "2 rejections, 1 silence, 1 yes, 1 game-changer from 4 asks." in body
    assert response.context["s"].best_ask.request == "Pitch the podcast"
    assert "Lead with what&#x27;s in it for them." in body
    index = owner_client.get("/challenges/")
    assert [p.challenge for p in index.context["archived"]] == [challenge]


def test_dashboard_shows_challenges_goals_and_mix_in_few_queries(
    make_challenge, make_ask, owner_client, django_assert_max_num_queries
):
    first = make_challenge(name="One")
    second = make_challenge(name="Two", template="1000-in-365", target=1000)
    Goal.objects.create(challenge=first, count=3, period="week")
    Goal.objects.create(challenge=second, count=2, period="month", metric="yes")
    for i in range(30):
        make_ask(f"ask {i}", outcome=["no", "yes", "no_response"][i % 3], game_changer=i == 0)
    with django_assert_max_num_queries(10):
        response = owner_client.get("/")
    body = response.content.decode()
    assert "One" in body and "Two" in body
    assert "3 rejections a week" in body
    assert "Your outcomes against a typical 100 asks" in body
    assert [row.count for row in response.context["mix"]] == [20, 10, 1]


def test_today_follows_the_users_time_zone(db):
    east = User.objects.create_user("east", timezone="Pacific/Kiritimati")  # UTC+14
    west = User.objects.create_user("west", timezone="Pacific/Pago_Pago")  # UTC−11
    now = timezone.now()
    east_today = now.astimezone(zoneinfo.ZoneInfo("Pacific/Kiritimati")).date()
    from nomentum.challenges import services

    for user in (east, west):
        services.start_challenge(
            user,
            {
                "name": "Sprint",
                "template": "custom",
                "target": 10,
                "start": east_today,
                "end": east_today + timedelta(days=9),
                "counts": "no",
            },
        )
    paces = {}
    for user in (east, west):
        client = Client()
        client.force_login(user)
        [progress] = client.get("/").context["challenges"]
        paces[user.username] = progress.pace
    assert (paces["east"].day, paces["east"].status) == (1, "on track")
    assert (paces["west"].day, paces["west"].status) == (0, "not started")
