"""Before an ask: the worst and the best that could happen, at every door, and beside
the outcome in the week in review."""

import json

from django.urls import reverse

from nomentum.accounts.services import create_token
from nomentum.asks.models import Ask


def test_the_full_form_asks_for_the_worst_and_the_best(owner_client, owner):
    page = owner_client.get(reverse("asks:create")).content.decode()
    assert "the worst that could happen" in page and "the best that could happen" in page
    owner_client.post(
        reverse("asks:create"),
        {"request": "Ask for a raise", "worst_case": "She laughs", "best_case": "A yes"},
    )
    ask = Ask.objects.get(owner=owner)
    assert (ask.worst_case, ask.best_case) == ("She laughs", "A yes")


def test_the_api_and_the_cli_carry_them(client, owner, cli):
    token = create_token(owner)[1]
    made = client.post(
        "/api/asks",
        data=json.dumps({"request": "Pitch the radio show", "worst_case": "Silence"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert made.status_code == 201 and made.json()["worst_case"] == "Silence"
    code, out, err = cli(
        "log", "Ask the gallery for a wall", "--worst", "A no", "--best", "A show", "--json"
    )
    assert (code, err) == (0, "")
    logged = json.loads(out)
    assert (logged["worst_case"], logged["best_case"]) == ("A no", "A show")
