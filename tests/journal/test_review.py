"""The week in review, its feedback, the end-of-challenge before/after, a lesson shared
with a group, the journal's exports, and what leaves its owner (nothing private)."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse

from nomentum.accounts.services import create_token, delete_account
from nomentum.asks import services as asks
from nomentum.journal import services
from nomentum.journal.models import Reflection, SharedLesson
from nomentum.journal.weeks import named
from nomentum.portability.export import export
from tests.coach.test_ai import llm  # noqa: F401  (the loopback endpoint fixture)
from tests.factories import start_challenge
from tests.groups.conftest import client_for, person

WEEK = "2026-W47"  # Monday 16 – Sunday 22 November 2026
MONDAY = date(2026, 11, 16)


def _log(user, request, day, **fields):
    return asks.log_ask(user, {"request": request, "date": day, **fields}).ask


@pytest.fixture
def week_of_asks(owner):
    """Earlier weeks with high fear; this week: two no's, a yes, a silence, a
    self-rejection, and an ask of the week after (which must not count)."""
    earlier = MONDAY - timedelta(days=10)
    _log(owner, "Ask for a discount", earlier, fear_before=8, outcome="no", sting_after=6)
    _log(owner, "Ask a café for a refill", earlier, fear_before=6, outcome="yes", sting_after=2)
    _log(
        owner,
        "Ask Acme for a pilot",
        MONDAY,
        tier="moonshot",
        outcome="no",
        fear_before=5,
        sting_after=3,
        objections=["budget"],
        lessons="Ask for a smaller pilot first",
        lesson_starred=True,
        worst_case="They laugh at me",
    )
    _log(
        owner,
        "Ask Dana for an intro",
        MONDAY + timedelta(days=2),
        tier="comfort",
        outcome="no",
        fear_before=3,
        sting_after=1,
        objections=["budget", "timing"],
    )
    _log(
        owner,
        "Ask the gym for a free week",
        MONDAY + timedelta(days=3),
        tier="stretch",
        outcome="yes",
    )
    _log(owner, "Email the editor", MONDAY + timedelta(days=4), outcome="no_response")
    _log(owner, "Pitch the podcast", MONDAY + timedelta(days=5), self_rejection=True)
    _log(owner, "Next week's ask", MONDAY + timedelta(days=7), outcome="no")
    return owner


def test_the_review_assembles_the_week(week_of_asks):
    found = services.review(week_of_asks, named(WEEK))
    assert (found.asks, found.nos, found.yeses, found.no_response) == (4, 2, 1, 1)
    assert [a.request for a in found.no_asks] == ["Ask Acme for a pilot", "Ask Dana for an intro"]
    assert found.best.request == "Ask Acme for a pilot"  # the moonshot, though a no
    assert [a.request for a in found.self_rejections] == ["Pitch the podcast"]
    assert found.fear_before == 4.0 and found.fear_before_earlier == 7.0
    assert found.sting_after == 2.0 and found.sting_after_earlier == 4.0
    assert found.objections.most_common(1) == [("budget", 2)]


def test_the_suggestions_follow_the_weeks_numbers(week_of_asks, owner):
    said = services.suggestions(services.review(week_of_asks, named(WEEK)))
    assert any("Budget came up most" in s for s in said)
    assert any("talked yourself out of 1 ask." in s for s in said)
    # A week of comfort asks only, with sting rising: climb, and rest.
    quiet = named("2026-W49")
    for n in range(3):
        _log(
            owner,
            f"Ask a shop for a sample {n}",
            quiet.start + timedelta(days=n),
            tier="comfort",
            outcome="no",
            sting_after=9,
        )
    said = services.suggestions(services.review(owner, quiet))
    assert any("Every ask this week was a comfort ask" in s for s in said)
    assert any("stung more this week" in s and "rest day" in s for s in said)
    empty = services.suggestions(services.review(owner, named("2026-W30")))
    assert any("A quiet week" in s for s in empty)


def test_the_review_page_api_and_cli_agree(week_of_asks, owner_client, cli):
    page = owner_client.get(reverse("journal:week", args=[WEEK])).content.decode()
    assert "Ask for a smaller pilot first" in page and "They laugh at me" in page
    assert "Pitch the podcast" in page and "Next week&#x27;s ask" not in page
    token = create_token(week_of_asks)[1]
    api = owner_client.get(
        f"/api/journal/weeks/{WEEK}/review", headers={"Authorization": f"Bearer {token}"}
    ).json()
    code, out, err = cli("review", "--week", WEEK, "--json", "--user", "alice")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert printed == api
    for key in (
        "week",
        "asks",
        "nos",
        "yeses",
        "no_response",
        "lessons",
        "fear_before",
        "sting_after",
        "reflection",
    ):
        assert key in printed
    assert (printed["asks"], printed["nos"], printed["fear_before"]) == (4, 2, 4.0)
    [first, _] = printed["lessons"]
    assert first["lesson"] == "Ask for a smaller pilot first" and first["objections"] == ["budget"]
    assert printed["reflection"]["week"] == WEEK


def test_feedback_without_the_ai_coach_comes_from_the_weeks_numbers(week_of_asks, owner_client):
    answer = owner_client.post(
        reverse("journal:feedback", args=[WEEK]), headers={"HX-Request": "true"}
    )
    body = answer.content.decode()
    assert "Suggestions from your week" in body and "Budget came up most" in body


def test_feedback_from_the_ai_coach_reads_the_reflection(llm, week_of_asks):  # noqa: F811
    services.save_answers(week_of_asks, named(WEEK), {"learned": "Smaller asks land"})
    llm.reply = {"feedback": "You noticed that smaller asks land. Try one moonshot next week."}
    found = services.feedback(week_of_asks, named(WEEK))
    assert (found.source, found.items) == ("ai", [llm.reply["feedback"]])
    sent = llm.requests[-1]  # (earlier ones: the guard's second opinion on each ask)
    assert "Smaller asks land" in sent["body"]["messages"][1]["content"]
    assert "2 no's" in sent["body"]["messages"][1]["content"]


@pytest.mark.parametrize(
    "reply", ["not json", {"feedback": ""}, {"feedback": "Ask a stranger to give you money"}]
)
def test_a_bad_or_unkind_ai_answer_falls_back_to_the_rules(llm, week_of_asks, reply):  # noqa: F811
    services.save_answers(week_of_asks, named(WEEK), {"learned": "Smaller asks land"})
    llm.reply = reply
    found = services.feedback(week_of_asks, named(WEEK))
    assert found.source == "rules" and found.note
    assert any("Budget came up most" in s for s in found.items)


def test_the_dashboard_offers_the_review_at_the_turn_of_the_week(owner_client, owner, monkeypatch):
    from django.utils import timezone

    for day, offered in (
        (date(2026, 11, 22), True),
        (date(2026, 11, 23), True),
        (date(2026, 11, 25), False),
    ):
        monkeypatch.setattr(timezone, "localdate", lambda *a, d=day, **k: d)
        page = owner_client.get("/").content.decode()
        assert ("Your week in review" in page) is offered, day
        if offered:
            assert reverse("journal:week", args=[WEEK]) in page


def test_the_end_of_a_challenge_shows_before_and_after(owner, owner_client):
    start = date(2026, 10, 1)
    challenge = start_challenge(owner, "100-in-30", start=start)
    _log(owner, "First-week ask", start, fear_before=9, sting_after=8, outcome="no")
    _log(
        owner,
        "Last-week ask",
        challenge.end,
        fear_before=3,
        sting_after=2,
        outcome="yes",
        lessons="Warm intros work",
        lesson_starred=True,
    )
    _log(owner, "Unstarred", challenge.end, outcome="no", lessons="not starred")
    page = owner_client.get(reverse("challenges:summary", args=[challenge.code])).content.decode()
    assert "Before and after" in page
    assert "<td>9.0</td><td>3.0</td>" in page  # fear before: first week, last week
    assert "<td>8.0</td><td>2.0</td>" in page  # sting after
    assert "Warm intros work" in page and "not starred" not in page
    assert "1,000 rejections in a year" in page


# --- shared with a group: only what the member chose ----------------------------------


def test_a_member_sees_only_an_explicitly_shared_lesson(november, member, owner):
    services.save_answers(member, named(WEEK), {"learned": "SECRET reflection text"})
    membership = member.memberships.get(group=november)
    shared = services.share_lesson(membership, named(WEEK), "Warm intros beat cold emails")
    page = client_for(owner).get(reverse("groups:detail", args=[november.code])).content.decode()
    assert "Warm intros beat cold emails" in page and "SECRET" not in page
    # Only its author can take it back; to anyone else it is a 404.
    stop = reverse("journal:unshare", args=[shared.code])
    assert client_for(owner).post(stop).status_code == 404
    assert client_for(member).post(stop).status_code == 302
    assert not SharedLesson.objects.exists()
    page = client_for(owner).get(reverse("groups:detail", args=[november.code])).content.decode()
    assert "Warm intros beat cold emails" not in page


def test_leaving_the_group_takes_the_shared_lesson_along(november, member, owner):
    from nomentum.groups import services as groups

    membership = member.memberships.get(group=november)
    services.share_lesson(membership, named(WEEK), "Smile first")
    groups.leave(membership)
    groups.join_group(member, november, weekly_goal=5, today=date(2026, 11, 20))
    page = client_for(owner).get(reverse("groups:detail", args=[november.code])).content.decode()
    assert "Smile first" not in page and not SharedLesson.objects.exists()


def test_sharing_through_the_api_needs_a_group_you_are_in(november, member, owner):
    outsider = person("dora")
    token = create_token(outsider)[1]
    refused = client_for(outsider).post(
        f"/api/journal/weeks/{WEEK}/share",
        data=json.dumps({"group": str(november.code), "text": "Hi"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 404 and not SharedLesson.objects.exists()
    token = create_token(member)[1]
    made = client_for(member).post(
        f"/api/journal/weeks/{WEEK}/share",
        data=json.dumps({"group": november.name, "text": "Ask twice as many people"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert made.status_code == 201 and made.json()["group"] == november.name


# --- exports and deletion -------------------------------------------------------------


def test_reflections_are_in_the_account_export_and_the_journal_files(owner):
    services.save_answers(owner, named(WEEK), {"learned": "=1+1 is not a formula", "why": "Fit"})
    account = json.loads(export(owner, "json")[0])
    assert account["reflections"][0]["week"] == WEEK
    assert {a["id"]: a["answer"] for a in account["reflections"][0]["answers"]}["why"] == "Fit"
    rows = list(csv.reader(io.StringIO(export(owner, "journal-csv")[0].decode("utf-8-sig"))))
    assert rows[0] == ["Week", "Starts on", "Prompt id", "Prompt", "Answer"]
    assert rows[1][:3] == [WEEK, "2026-11-16", "learned"]
    assert not rows[1][4].startswith("=")  # spreadsheet formulas neutralised
    markdown = export(owner, "journal-md")[0].decode()
    assert "## Week of 16 November 2026 (2026-W47)" in markdown and "Fit" in markdown
    services.save_answers(owner, named(WEEK), {"feeling": "# Not a heading\n<b>bold</b>"})
    markdown = export(owner, "journal-md")[0].decode()
    assert "\\# Not a heading\n&lt;b>bold&lt;/b>" in markdown


def test_the_journal_download_asks_a_browser_to_confirm_its_you(owner_client):
    from tests.accounts.conftest import make_stale

    make_stale(owner_client)
    for fmt in ("journal-md", "journal-csv"):
        answer = owner_client.get(reverse("portability:export", args=[fmt]))
        assert answer.status_code == 302 and "confirm" in answer["Location"]


def test_deleting_the_account_removes_its_reflections(owner):
    services.save_answers(owner, named(WEEK), {"learned": "x"})
    delete_account(owner)
    assert not Reflection.objects.exists()
