"""The Insights page, the API and the CLI: the same figures, the owner's only, in a few
queries; and the dashboard's fear headline."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nomentum.accounts.services import create_token
from nomentum.asks import services as asks
from nomentum.asks.models import Ask
from nomentum.insights import tallies


def _log(user, request, day, **fields):
    return asks.log_ask(user, {"request": request, "date": day, **fields}).ask


@pytest.fixture
def month(owner):
    """Four weeks of asks with fear falling from 8 to 3; one outsider's asks too."""
    today = timezone.localdate()
    for week, fear in enumerate((8, 7, 5, 3)):
        day = today - timedelta(days=27 - 7 * week)
        for n in range(3):
            _log(
                owner,
                f"Ask shop {week}-{n} for a discount",
                day,
                tier="comfort",
                fear_before=fear,
                sting_after=fear - 2,
                outcome="no",
                objections=["budget"],
                method="email",
            )
        _log(
            owner,
            f"Ask Acme {week} for a pilot",
            day,
            tier="moonshot",
            fear_before=fear,
            outcome="yes",
            method="in_person",
        )
    return owner


@pytest.mark.parametrize("asks_made", [0, 1])
def test_the_page_for_a_new_user_says_what_will_appear(owner_client, owner, asks_made):
    if asks_made:
        _log(owner, "Ask for a discount", timezone.localdate(), fear_before=4)
    page = owner_client.get("/insights/").content.decode()
    if asks_made:
        assert "1 ask so far, 0 answered." in page
        assert "<td>4.0 <span" in page  # this week's fear, in the table
        assert "fear.svg" not in page  # a curve needs two weeks
        assert "Too few answers yet: 10 more comfort answers." in page
    else:
        assert "Nothing to see yet" in page and "fear.svg" not in page


def test_after_a_month_the_page_shows_the_fear_falling_and_why_the_nos_came(month, owner_client):
    with CaptureQueriesContext(connection) as queries:
        page = owner_client.get("/insights/").content.decode()
    assert len(queries) <= 12, [q["sql"][:80] for q in queries]
    assert "Your fear before asking fell from 8.0 in week 1 to 3.0 in week 4." in page
    assert "Budget: 12" in page
    assert "Too few answers yet: 6 more moonshot answers." in page  # 4 is too few to judge
    # Per tier: comfort asks scored 8 by three asks in week 1, 3 in week 4.
    assert (
        '<strong>Comfort</strong>: 8.0 in week 1 <span class="muted">(3 asks)</span> → '
        "3.0 in week 4" in page
    )
    assert '<strong>Moonshot</strong>: 8.0 in week 1 <span class="muted">(1 ask)</span>' in page
    assert "<strong>Stretch</strong>" not in page  # never scored
    chart = owner_client.get("/insights/fear.svg")
    assert chart.status_code == 200 and chart["Content-Type"] == "image/svg+xml"
    assert b"Fear before" in chart.content and b"<script" not in chart.content


def test_the_dashboard_shows_the_fear_headline_after_two_weeks(month, owner_client, owner):
    page = owner_client.get("/").content.decode()
    assert "Your fear before asking fell from 8.0 in week 1 to 3.0 in week 4." in page


def test_the_api_and_the_cli_carry_the_same_numbers(month, client, cli, owner):
    # The asks were logged long before today's answers (answers logged at once with the
    # ask say nothing about how long they took, and are left out).
    Ask.objects.filter(owner=owner).update(created_at=timezone.now() - timedelta(days=40))
    tallies.rebuild(owner.pk)  # a change behind the use cases' back: count again
    token = create_token(owner)[1]
    api = client.get("/api/insights", headers={"Authorization": f"Bearer {token}"}).json()
    code, out, err = cli("insights", "--json", "--user", "alice")
    assert (code, err) == (0, "")
    assert json.loads(out) == api
    assert (api["asks"], api["answered"], api["yes"]["k"]) == (16, 16, 4)
    assert api["yes"]["low"] == pytest.approx(0.1016, abs=1e-3)
    assert [w["fear_before"] for w in api["fear_curve"]] == [8.0, 7.0, 5.0, 3.0]
    comfort = next(t for t in api["calibration"] if t["tier"] == "comfort")
    assert (comfort["no"]["k"], comfort["no"]["n"], comfort["expected_no"]) == (12, 12, 0.9)
    assert api["objections"]["counts"] == {"budget": 12}
    assert api["typical_needs"] == 4 and api["typical"] == []
    assert [b["nos"] for b in api["badges"]] == [1, 10]
    # Answered today, asked 27, 20, 13 and 6 days ago: the median wait is 16.5 days.
    assert api["answer_days"] == [
        {"method": "email", "median_days": 16.5, "answers": 12},
        {"method": "in_person", "median_days": 16.5, "answers": 4},
    ]


def test_nothing_of_another_users_asks_reaches_anyone_elses_figures(month, outsider, client):
    _log(outsider, "Ask the outsider's shop", timezone.localdate(), fear_before=1, outcome="no")
    token = create_token(outsider)[1]
    theirs = client.get("/api/insights", headers={"Authorization": f"Bearer {token}"}).json()
    assert (theirs["asks"], theirs["answered"]) == (1, 1)
    assert [w["fear_before"] for w in theirs["fear_curve"]] == [1.0]
    assert theirs["objections"]["counts"] == {}


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/insights/").status_code == 302
    assert client.get("/insights/fear.svg").status_code == 302
    assert client.get("/api/insights").status_code == 401
