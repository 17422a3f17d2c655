"""Follow-ups: what each answer suggests, the inbox actions, the calendar feed and
the reminders."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from nomentum.accounts import services as accounts
from nomentum.asks import followups, services
from nomentum.asks.models import Contact, FollowUp
from nomentum.asks.reminders import send_due_reminders


@pytest.fixture
def today():
    return timezone.localdate()


def kinds_and_days(ask, today):
    return sorted((f.kind, (f.due - today).days) for f in ask.followups.filter(status="open"))


def test_a_no_suggests_thanks_advice_and_a_later_update(make_ask, today):
    ask = make_ask("Ask Dana for a mentorship", to="Dana Lee, Acme")
    services.record_outcome(ask, "no")
    assert kinds_and_days(ask, today) == [("advice", 2), ("progress", 90), ("thank-you", 0)]
    assert ask.followups.get(kind="thank-you").text == "Thank Dana Lee, Acme for the clear answer"


def test_a_yes_suggests_a_thank_you_and_replaces_the_no_suggestions(make_ask, today):
    ask = make_ask("Ask for a podcast slot", to="The Maker Podcast")
    services.record_outcome(ask, "no")
    services.record_outcome(ask, "yes")
    assert kinds_and_days(ask, today) == [("thank-yes", 0)]


def test_silence_gets_one_nudge_a_week_after_the_ask(make_ask, owner, today):
    ask = make_ask("Ask for a referral", to="Kim Park", date=today - timedelta(days=3))
    services.record_outcome(ask, "no_response")
    [nudge] = ask.followups.all()
    assert nudge.kind == "nudge" and nudge.due == today + timedelta(days=4)
    followups.complete(nudge, today)
    assert not ask.followups.filter(status="open").exists()  # one nudge by default


def test_two_nudges_when_the_user_allows_two(make_ask, owner, today):
    owner.max_nudges = 2
    owner.save()
    ask = make_ask("Ask for a referral", to="Kim Park", date=today - timedelta(days=30))
    services.record_outcome(ask, "no_response")
    first = ask.followups.get()
    assert first.due == today
    followups.complete(first, today)
    second = ask.followups.get(status="open")
    assert second.kind == "nudge" and second.due == today + timedelta(days=7)
    followups.complete(second, today)
    assert not ask.followups.filter(status="open").exists()


def test_the_data_miner_records_objections_and_a_who_else_referral(cli, owner):
    ask = services.log_ask(
        owner, {"request": "Ask Acme for a design job", "to": "Dana Lee, Acme"}
    ).ask
    code, _, err = cli(
        "outcome",
        str(ask.code),
        "no",
        "--objection",
        "experience",
        "--objection",
        "not hiring",
        "--missing-skill",
        "motion design",
        "--who-else",
        "Sam Roe, Globex",
    )
    assert code == 0, err
    ask.refresh_from_db()
    assert ask.objections == ["experience", "not-hiring"]
    assert ask.missing_skill == "motion design"
    sam = Contact.objects.get(name="Sam Roe")
    assert ask.referral == sam and sam.referred_by == ask.person
    assert sam.company.name == "Globex"


def test_inbox_actions(owner_client, make_ask, today):
    ask = make_ask("Ask for a discount", to="Corner Books")
    services.record_outcome(ask, "no")
    thanks = ask.followups.get(kind="thank-you")
    advice = ask.followups.get(kind="advice")
    page = owner_client.get("/followups/")
    assert thanks.text.encode() in page.content
    owner_client.post(reverse("followups:act", args=[thanks.code, "done"]))
    owner_client.post(reverse("followups:act", args=[advice.code, "snooze"]))
    thanks.refresh_from_db()
    advice.refresh_from_db()
    assert thanks.status == "done" and thanks.done_on == today
    assert advice.due == today + timedelta(days=3)
    owner_client.post(reverse("followups:act", args=[advice.code, "dismiss"]))
    advice.refresh_from_db()
    assert advice.status == "dismissed"
    assert (
        owner_client.post(reverse("followups:act", args=[advice.code, "explode"])).status_code
        == 404
    )


def test_others_follow_ups_are_a_404(outsider_client, make_ask):
    ask = make_ask("Ask for a discount", to="Corner Books")
    services.record_outcome(ask, "no")
    followup = ask.followups.first()
    response = outsider_client.post(reverse("followups:act", args=[followup.code, "done"]))
    assert response.status_code == 404
    followup.refresh_from_db()
    assert followup.status == "open"
    assert b"Corner Books" not in outsider_client.get("/followups/").content


def test_inbox_actions_need_csrf(owner, make_ask):
    ask = make_ask("Ask for a discount", to="Corner Books")
    services.record_outcome(ask, "no")
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    followup = ask.followups.first()
    assert client.post(reverse("followups:act", args=[followup.code, "done"])).status_code == 403


def test_dashboard_and_cli_show_what_is_due(owner_client, make_ask, cli, today):
    ask = make_ask("Ask for a discount", to="Corner Books")
    services.record_outcome(ask, "no")
    assert b"Thank Corner Books for the clear answer" in owner_client.get("/").content
    due = json.loads(cli("followups", "--json")[1])
    assert [f["kind"] for f in due["followups"]] == ["thank-you"]
    everything = json.loads(cli("followups", "--all", "--json")[1])
    assert everything["count"] == 3


def test_calendar_feed_is_private_valid_and_revocable(owner, outsider, make_ask):
    mine = make_ask("Ask for a discount", to="Corner Books")
    services.record_outcome(mine, "no")
    theirs = make_ask("Charlie's secret ask", user=outsider, to="Secret Person")
    services.record_outcome(theirs, "no")
    token = accounts.set_calendar_token(owner, enabled=True)
    accounts.set_calendar_token(outsider, enabled=True)
    url = reverse("followups:feed", args=[token])
    response = Client().get(url)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    todos = [c for c in calendar.walk() if c.name == "VTODO"]
    assert sorted(str(t["summary"]) for t in todos) == sorted(
        f.text for f in FollowUp.objects.filter(owner=owner, status="open")
    )
    assert b"Secret Person" not in response.content and b"Charlie" not in response.content
    new_token = accounts.set_calendar_token(owner, enabled=True)
    assert Client().get(url).status_code == 404
    assert Client().get(reverse("followups:feed", args=[new_token])).status_code == 200
    accounts.set_calendar_token(owner, enabled=False)
    assert Client().get(reverse("followups:feed", args=[new_token])).status_code == 404
    assert Client().get("/followups/feed/short.ics").status_code == 404


def test_settings_page_makes_and_revokes_the_feed_link(owner_client, owner):
    owner_client.post("/accounts/calendar/", {"action": "new"})
    owner.refresh_from_db()
    first = owner.ics_token
    assert len(first) >= 32
    assert first.encode() in owner_client.get("/accounts/settings/").content
    owner_client.post("/accounts/calendar/", {"action": "off"})
    owner.refresh_from_db()
    assert owner.ics_token == ""


def test_reminders_go_out_once_per_user_by_email(owner, outsider, make_ask, cli, today):
    services.record_outcome(make_ask("Ask A", to="Corner Books"), "no")
    services.record_outcome(make_ask("Ask B", to="Kim Park", outcome="yes"), "yes")
    outsider.email = ""
    outsider.save()
    services.record_outcome(make_ask("Their ask", user=outsider, to="Lee"), "no")
    code, out, _ = cli("remind", "--json")
    assert code == 0 and json.loads(out) == {"sent": 1}
    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "Thank Corner Books for the clear answer" in message.body
    assert "Thank Kim Park for saying yes" in message.body
    assert "Lee" not in message.body
    assert send_due_reminders(today) == 0  # nothing twice
