"""Rest days and the catch-up offer, from every door: the end moves or the target drops
by exact amounts, the dashboard and the card say so, nothing of it reaches another user."""

import json
from datetime import timedelta

import pytest

from nomentum.accounts.services import create_token
from nomentum.challenges import services
from nomentum.challenges.models import Challenge, RestDay


def rest(user, first, days=1):
    return services.take_rest(user, {"date": first, "days": days})


def test_a_rest_day_moves_the_end_or_lowers_the_target(owner, outsider, make_challenge, today):
    moves = make_challenge(name="Moves", start=today, end=today + timedelta(days=29))
    drops = make_challenge(
        name="Drops", start=today, end=today + timedelta(days=29), on_rest="shrink"
    )
    before = make_challenge(
        name="Over", start=today - timedelta(days=40), end=today - timedelta(days=11)
    )
    theirs = make_challenge(outsider, name="Theirs", start=today, end=today + timedelta(days=29))
    assert rest(owner, today + timedelta(days=2), days=3) == [
        today + timedelta(days=2),
        today + timedelta(days=3),
        today + timedelta(days=4),
    ]
    for challenge in (moves, drops, before, theirs):
        challenge.refresh_from_db()
    assert moves.end == today + timedelta(days=32) and moves.target == 100
    assert drops.end == today + timedelta(days=29) and drops.target == 90  # 100 × 27 / 30
    assert before.end == today - timedelta(days=11)
    assert theirs.end == today + timedelta(days=29)
    # Marking a day again changes nothing; a new day at the moved end moves it once more.
    assert rest(owner, today + timedelta(days=3)) == []
    rest(owner, today + timedelta(days=32))
    moves.refresh_from_db()
    assert moves.end == today + timedelta(days=33)
    assert RestDay.objects.filter(owner=outsider).count() == 0


def test_rest_today_from_the_dashboard_changes_the_card(owner, owner_client, make_challenge, today):
    make_challenge(start=today - timedelta(days=12), end=today + timedelta(days=17))
    page = owner_client.get("/").content.decode()
    assert "Rest today" in page
    # Day 13 of 30 with nothing counted: a doable week and two ways out.
    assert "10 this week</strong> is plenty (5 a day at most)" in page
    assert "Give it 12 more days" in page and "Aim for 60 instead" in page
    answer = owner_client.post("/challenges/rest/", {"next": "/"}, follow=True)
    page = answer.content.decode()
    assert "Today is a rest day." in page
    assert "Rest day today.</strong> The line waits for you" in page
    assert "Rest today</button>" not in page
    assert Challenge.objects.get(owner=owner).end == today + timedelta(days=18)


@pytest.mark.parametrize(
    ("how", "end_days", "target"), [("extend", 17 + 12, 100), ("lower", 17, 60)]
)
def test_the_catch_up_offer_is_one_tap(owner_client, make_challenge, today, how, end_days, target):
    challenge = make_challenge(start=today - timedelta(days=12), end=today + timedelta(days=17))
    answer = owner_client.post(f"/challenges/{challenge.code}/catch-up/", {"how": how}, follow=True)
    assert answer.status_code == 200
    challenge.refresh_from_db()
    assert (challenge.end, challenge.target) == (today + timedelta(days=end_days), target)
    page = answer.content.decode()
    assert "A pace you can keep beats a sprint." in page
    # The line starts again from today: on track, and no offer any more.
    assert "on track</span>" in page and "Aim for" not in page
    # Once taken, the gap is gone: a second tap changes nothing and says why.
    again = owner_client.post(f"/challenges/{challenge.code}/catch-up/", {"how": how}, follow=True)
    challenge.refresh_from_db()
    assert (challenge.end, challenge.target) == (today + timedelta(days=end_days), target)
    assert "within a doable week of its line already" in again.content.decode()


def test_someone_elses_challenge_cannot_be_caught_up(outsider_client, make_challenge, today):
    challenge = make_challenge(start=today - timedelta(days=12), end=today + timedelta(days=17))
    answer = outsider_client.post(f"/challenges/{challenge.code}/catch-up/", {"how": "lower"})
    assert answer.status_code == 404
    challenge.refresh_from_db()
    assert challenge.target == 100


def test_rest_from_the_cli_and_the_api(cli, client, owner, make_challenge, today):
    make_challenge(start=today, end=today + timedelta(days=29))
    code, out, err = cli("rest", "--days", "2", "--user", "alice")
    assert (code, err) == (0, "")
    assert (
        out.strip()
        == f"2 rest days marked from {today:%-d %b}. Your challenges' lines wait over them."
    )
    code, out, _ = cli("stats", "--json", "--user", "alice")
    [challenge] = json.loads(out)["challenges"]
    assert challenge["resting"] is True and challenge["end"] == str(today + timedelta(days=31))
    code, _, err = cli("rest", "2001-01-01", "--user", "alice")
    assert code == 2 and "up to 7 days after it" in err
    code, _, err = cli("rest", "--days", "31", "--user", "alice")
    assert code == 2 and "at most 30 days" in err

    token = create_token(owner)[1]
    headers = {"Authorization": f"Bearer {token}"}
    later = today + timedelta(days=5)
    answer = client.post(
        "/api/rest", {"date": str(later)}, content_type="application/json", headers=headers
    )
    assert answer.status_code == 200
    assert answer.json()["rest_days"] == [str(later)]
    bad = client.post("/api/rest", {"days": 0}, content_type="application/json", headers=headers)
    assert bad.status_code == 422 and "Rest at least one day." in bad.json()["detail"]
    assert RestDay.objects.filter(owner=owner).count() == 3
