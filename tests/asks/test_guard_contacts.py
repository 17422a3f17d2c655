"""The guard's contact rules, as pure functions and at every entry point."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nomentum.asks import services
from nomentum.asks.guard import PastAsk, contact_findings
from nomentum.asks.models import Ask, Contact, FollowUp

DAY = date(2026, 11, 22)


def rules(history, day=DAY, max_nudges=1, dnc=False, company_level=False):
    return [r for r, _ in contact_findings("Dana", dnc, history, day, max_nudges, company_level)]


def test_a_no_blocks_the_next_ask():
    assert rules([PastAsk(date(2026, 1, 5), "no", None, True)]) == ["said-no"]


def test_an_invitation_opens_the_door_only_after_its_date():
    history = [PastAsk(date(2026, 9, 1), "no", DAY, True)]
    assert rules(history, day=DAY) == ["invited-later"]
    assert rules(history, day=DAY + timedelta(days=1)) == []


def test_do_not_contact_wins_over_everything():
    assert rules([], dnc=True) == ["do-not-contact"]


def test_silence_allows_one_nudge_a_week_later():
    asked = [PastAsk(DAY - timedelta(days=3), "pending", None, True)]
    assert rules(asked) == ["nudge-too-soon"]
    asked = [PastAsk(DAY - timedelta(days=7), "no_response", None, True)]
    assert rules(asked) == []
    nudged = [*asked, PastAsk(DAY - timedelta(days=20), "no_response", None, True)]
    assert rules(nudged) == ["nudge-limit"]
    assert rules(nudged, max_nudges=2) == []


def test_an_answer_resets_the_silence():
    history = [
        PastAsk(DAY - timedelta(days=30), "no_response", None, True),
        PastAsk(DAY - timedelta(days=20), "yes", None, True),
    ]
    assert rules(history) == []


def test_a_companys_no_counts_only_for_asks_to_the_company_itself():
    via_person = [PastAsk(date(2026, 5, 1), "no", None, True)]
    assert rules(via_person, company_level=True) == []
    to_company = [PastAsk(date(2026, 5, 1), "no", None, False)]
    assert rules(to_company, company_level=True) == ["said-no"]


# Every entry point refuses a re-ask after a no -------------------------------------


def _web_form(client, owner):
    return client.post("/asks/new/", {"request": "Ask Dana for coffee", "to": "Dana Lee, Acme"})


def _quick_log(client, owner):
    return client.post(
        "/asks/new/",
        {"request": "Ask Dana for coffee", "to": "Dana Lee, Acme"},
        headers={"HX-Request": "true"},
    )


def _cli(client, owner, cli):
    return cli("log", "Ask Dana for coffee", "--to", "Dana Lee, Acme")


@pytest.mark.parametrize("entry", ["web form", "quick log", "cli"])
def test_every_entry_point_refuses_to_ask_someone_who_said_no(entry, owner, owner_client, cli):
    dana = services.log_ask(
        owner,
        {
            "request": "Ask Dana for a mentorship",
            "to": "Dana Lee, Acme",
            "date": timezone.localdate() - timedelta(days=30),
        },
    ).ask
    services.record_outcome(dana, "no")
    if entry == "cli":
        code, out, err = _cli(owner_client, owner, cli)
        assert code == 2 and out == ""
        assert "Dana Lee already said no. Asking again is pressure, not persistence." in err
        assert err.count("\n") == 1
    else:
        response = (_web_form if entry == "web form" else _quick_log)(owner_client, owner)
        assert response.status_code in (400, 422)
        body = response.content.decode()
        assert "Dana Lee already said no" in body
        assert "ask whether they know someone else" in body
        assert "log it anyway" not in body  # no override for a contact rule
    assert Ask.objects.filter(owner=owner).count() == 1


def test_an_invitation_recorded_with_the_no_lets_you_ask_again_after_the_date(owner, cli):
    today = timezone.localdate()
    dana = services.log_ask(
        owner,
        {"request": "Pitch Dana", "to": "Dana Lee, Acme", "date": today - timedelta(days=100)},
    ).ask
    in_three_months = today + timedelta(days=90)
    code, _, err = cli(
        "outcome",
        str(dana.code),
        "no",
        "--invited-after",
        in_three_months.isoformat(),
        "--objection",
        "timing",
    )
    assert code == 0, err
    try_again = FollowUp.objects.get(ask=dana, kind="try-again")
    assert try_again.due == in_three_months + timedelta(days=1)
    code, _, err = cli("log", "Pitch Dana again", "--to", "Dana Lee, Acme")
    assert code == 2 and "invited you to ask again after" in err
    later = (in_three_months + timedelta(days=1)).isoformat()
    verdict = services.check_ask(
        owner, "Pitch Dana again", dana.person, None, date.fromisoformat(later)
    )
    assert verdict.allowed


def test_text_rules_can_be_overridden_and_the_choice_is_kept(owner_client, owner):
    data = {"request": "Ask people on the street for cash for charity"}
    refused = owner_client.post("/asks/new/", data)
    assert refused.status_code == 400
    assert "This is fine, log it anyway" in refused.content.decode()
    owner_client.post("/asks/new/", {**data, "override": "on"})
    ask = Ask.objects.get(owner=owner)
    assert ask.guard_override == ["money"]


def test_do_not_contact_is_enforced(owner, owner_client):
    services.log_ask(owner, {"request": "Ask Sam for feedback", "to": "Sam Roe", "outcome": "yes"})
    sam = Contact.objects.get(name="Sam Roe")
    owner_client.post(
        reverse("contacts:detail", args=[sam.code]), {"name": "Sam Roe", "do_not_contact": "on"}
    )
    response = owner_client.post("/asks/new/", {"request": "Ask Sam again", "to": "sam roe"})
    assert response.status_code == 400
    assert "is marked “do not contact”" in response.content.decode()


def test_guard_command_json(owner, cli):
    code, out, _ = cli("guard", "Ask a stranger for their phone number", "--json")
    import json

    verdict = json.loads(out)
    assert code == 0 and verdict["allowed"] is False
    assert verdict["reasons"] and verdict["alternative"]
    assert set(verdict) >= {"allowed", "reasons", "alternative"}
    dana = services.log_ask(
        owner, {"request": "Ask Dana", "to": "Dana Lee, Acme", "outcome": "no"}
    ).ask
    assert dana.outcome == "no"
    verdict = json.loads(
        cli("guard", "Ask for a coffee chat", "--to", "Dana Lee, Acme", "--json")[1]
    )
    assert verdict["allowed"] is False and "already said no" in verdict["reasons"][0]
    verdict = json.loads(cli("guard", "Ask for a coffee chat", "--to", "Kim Park", "--json")[1])
    assert verdict == {"allowed": True, "reasons": [], "rules": [], "alternative": ""}
