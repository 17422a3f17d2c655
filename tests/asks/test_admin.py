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
