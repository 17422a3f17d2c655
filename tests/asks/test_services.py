from datetime import date, timedelta

import pytest
from django.utils import timezone

from nomentum.asks import services
from nomentum.asks.models import Ask, Contact, Outcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Lee, Acme", ("Dana Lee", "Acme")),
        ("  Dana   Lee ,  Acme Corp ", ("Dana Lee", "Acme Corp")),
        ("Acme Corp", ("", "Acme Corp")),
        ("Riverside Podcast", ("", "Riverside Podcast")),
        ("Dana Lee", ("Dana Lee", "")),
        ("", ("", "")),
    ],
)
def test_to_field_splits_into_person_and_company(text, expected):
    assert services.parse_to(text) == expected


def test_logging_an_ask_fills_sensible_defaults(owner):
    ask = services.log_ask(owner, {"request": "Ask for a free upgrade"}).ask
    assert ask.outcome == Outcome.PENDING
    assert ask.date == timezone.localdate()
    assert ask.answered_on is None
    assert ask.person is None and ask.company is None


def test_contacts_are_matched_ignoring_case_and_spaces(owner, make_ask):
    first = make_ask(to="Dana Lee, Acme Corp", outcome="yes")
    second = make_ask(to="dana  lee ,  acme corp ")
    assert first.person == second.person
    assert first.company == second.company
    assert Contact.objects.filter(owner=owner).count() == 2
    assert first.person.company == first.company
    assert second.to == "Dana Lee, Acme Corp"


def test_contacts_are_never_shared_between_users(owner, outsider, make_ask):
    mine = make_ask(to="Dana Lee, Acme")
    theirs = make_ask(to="Dana Lee, Acme", user=outsider)
    assert mine.person != theirs.person
    assert theirs.person.owner == outsider


def test_recording_an_outcome_stamps_the_answer_day_and_appends_the_lesson(make_ask):
    ask = make_ask(lessons="Lead with the why.")
    saved = services.record_outcome(ask, Outcome.NO, sting=4, lesson="Ask earlier in the week.")
    ask.refresh_from_db()
    assert ask.outcome == Outcome.NO
    assert ask.sting_after == 4
    assert ask.answered_on == timezone.localdate()
    assert ask.lessons == "Lead with the why.\nAsk earlier in the week."
    assert saved.celebration is not None and saved.celebration.milestone == 1


def test_back_to_pending_clears_the_answer_day(make_ask):
    ask = make_ask(outcome=Outcome.YES)
    assert ask.answered_on is not None
    services.record_outcome(ask, Outcome.PENDING)
    ask.refresh_from_db()
    assert ask.answered_on is None


def test_the_tenth_no_is_a_milestone_and_the_eleventh_is_not(owner, make_ask):
    for i in range(9):
        make_ask(f"ask {i}", outcome=Outcome.NO)
    tenth = services.record_outcome(make_ask("tenth"), Outcome.NO)
    eleventh = services.record_outcome(make_ask("eleventh"), Outcome.NO)
    assert tenth.celebration.milestone == 10
    assert eleventh.celebration.milestone is None


def test_self_rejections_are_not_counted_or_celebrated(owner, make_ask):
    saved = services.log_ask(
        owner, {"request": "Ask my boss for a raise", "self_rejection": True, "outcome": "no"}
    )
    assert saved.celebration is None
    first_real_no = services.record_outcome(make_ask("real one"), Outcome.NO)
    assert first_real_no.celebration.milestone == 1


def test_asking_after_all_turns_a_self_rejection_into_a_pending_ask(make_ask):
    ask = make_ask("Ask for a raise", self_rejection=True, date=date(2026, 1, 5))
    services.ask_after_all(ask)
    ask.refresh_from_db()
    assert not ask.self_rejection
    assert ask.outcome == Outcome.PENDING
    assert ask.date == timezone.localdate()


def test_stale_pending_asks_become_no_response_after_the_users_wait(owner, make_ask):
    today = timezone.localdate()
    owner.no_response_days = 14
    owner.save()
    old = make_ask("old", date=today - timedelta(days=14))
    fresh = make_ask("fresh", date=today - timedelta(days=13))
    answered = make_ask("answered", date=today - timedelta(days=30), outcome=Outcome.YES)
    assert services.mark_stale_as_no_response(owner, today) == 1
    assert Ask.objects.get(pk=old.pk).outcome == Outcome.NO_RESPONSE
    assert Ask.objects.get(pk=fresh.pk).outcome == Outcome.PENDING
    assert Ask.objects.get(pk=answered.pk).outcome == Outcome.YES


def test_editing_moves_an_ask_to_another_contact(make_ask):
    ask = make_ask(to="Dana Lee, Acme")
    services.update_ask(ask, {"to": "Sam Roe"})
    ask.refresh_from_db()
    assert ask.to == "Sam Roe"
    assert ask.company is None
