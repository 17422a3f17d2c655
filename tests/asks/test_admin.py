from django.test import Client
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.models import Ask


def test_admin_outcome_action_goes_through_the_service(make_ask, db):
    operator = User.objects.create_superuser("op", "op@example.com", "operator passphrase 1")
    ask = make_ask("Ask for a stage slot")
    client = Client()
    client.force_login(operator)
    response = client.post(
        "/admin/asks/ask/",
        {"action": "record_no", "_selected_action": [ask.pk]},
        follow=True,
    )
    assert response.status_code == 200
    ask.refresh_from_db()
    assert ask.outcome == "no"
    assert ask.answered_on == timezone.localdate()
    assert Ask.objects.count() == 1


def _operator_client():
    operator = User.objects.create_superuser("op", "op@example.com", "operator passphrase 1")
    client = Client()
    client.force_login(operator)
    return client


def test_an_admin_edit_goes_through_the_use_case_and_the_outcome_is_not_a_form_field(make_ask, db):
    ask = make_ask("Ask for a stage slot", outcome="no")
    client = _operator_client()
    page = client.get(f"/admin/asks/ask/{ask.pk}/change/")
    assert page.status_code == 200
    assert 'name="outcome"' not in page.content.decode()  # shown, not editable
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if k in form.fields and v is not None}
    data |= {"request": "Ask for the main stage slot", "objections": "[]", "guard_override": "[]"}
    response = client.post(f"/admin/asks/ask/{ask.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    ask.refresh_from_db()
    assert (ask.request, ask.outcome, ask.answered_on) == (
        "Ask for the main stage slot",
        "no",
        timezone.localdate(),
    )


def test_deleting_in_the_admin_goes_through_the_use_case(make_ask, db, monkeypatch):
    from nomentum.asks import services

    ask = make_ask("Ask for a stage slot")
    calls = []
    monkeypatch.setattr(services, "delete_ask", lambda a: calls.append(a.pk) or a.delete())
    client = _operator_client()
    response = client.post(f"/admin/asks/ask/{ask.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert calls == [ask.pk]
    assert not Ask.objects.filter(pk=ask.pk).exists()


def test_the_admin_cannot_add_asks_behind_their_owners_back(db):
    assert _operator_client().get("/admin/asks/ask/add/").status_code == 403
