"""Pitches: versions of a message, kept, copied and retired, picked when logging, and
compared in the insights; each user's own."""

import json

from django.urls import reverse
from django.utils import timezone

from nomentum.accounts.services import create_token
from nomentum.asks import services
from nomentum.asks.models import Ask, Pitch


def test_create_copy_edit_and_retire_a_pitch(owner_client, owner):
    made = owner_client.post(
        reverse("pitches:index"), {"name": "Cold email v1", "text": "Hi, I loved your talk"}
    )
    assert made.status_code == 302
    first = Pitch.objects.get(owner=owner)
    copy = owner_client.get(reverse("pitches:index") + f"?copy={first.code}").content.decode()
    assert "Cold email v1 (new version)" in copy and "Hi, I loved your talk" in copy
    same = owner_client.post(reverse("pitches:index"), {"name": "cold EMAIL v1", "text": ""})
    assert same.status_code == 400 and "a pitch with this name already" in same.content.decode()
    owner_client.post(
        reverse("pitches:edit", args=[first.code]), {"name": "Cold email A", "text": "Hi"}
    )
    first.refresh_from_db()
    assert (first.name, first.text) == ("Cold email A", "Hi")
    owner_client.post(reverse("pitches:retire", args=[first.code]), {"retired": "1"})
    first.refresh_from_db()
    assert first.retired
    form = owner_client.get(reverse("asks:create")).content.decode()
    assert 'value="Cold email A"' not in form  # retired: no longer suggested


def test_an_ask_carries_its_pitch_from_every_door(owner_client, owner, client, cli):
    owner_client.post(reverse("asks:create"), {"request": "Email the editor", "pitch": "Short"})
    token = create_token(owner)[1]
    made = client.post(
        "/api/asks",
        data=json.dumps({"request": "Email the curator", "pitch": "short"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert made.status_code == 201 and made.json()["pitch"] == "Short"  # one pitch, any case
    code, out, err = cli("log", "Email the critic", "--pitch", "Long", "--json")
    assert (code, err) == (0, "") and json.loads(out)["pitch"] == "Long"
    assert sorted(Pitch.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Long",
        "Short",
    ]
    assert Ask.objects.filter(pitch__name="Short").count() == 2
    from nomentum.portability.export import account_json

    assert {p["name"] for p in account_json(owner)["pitches"]} == {"Long", "Short"}


def test_the_insights_compare_pitches_and_only_rank_on_enough_answers(owner, client):
    today = timezone.localdate()
    for n in range(12):
        services.log_ask(
            owner,
            {
                "request": f"Pitch podcast {n}",
                "pitch": "Story",
                "date": today,
                "outcome": "yes" if n < 6 else "no",
            },
        )
    for n in range(3):
        services.log_ask(
            owner, {"request": f"Pitch show {n}", "pitch": "Facts", "date": today, "outcome": "yes"}
        )
    token = create_token(owner)[1]
    found = client.get("/api/insights", headers={"Authorization": f"Bearer {token}"}).json()
    rows = {r["key"]: r for r in found["by_pitch"]}
    assert [r["key"] for r in found["by_pitch"]] == ["Story", "Facts"]  # 3 of 3 ranks last
    assert rows["Story"]["yes"]["k"] == 6 and rows["Story"]["yes"]["enough"]
    assert rows["Facts"]["yes"]["rate"] == 1.0 and not rows["Facts"]["yes"]["enough"]


def test_someone_elses_pitch_is_a_404_and_never_listed(owner, outsider_client):
    pitch = services.save_pitch(owner, {"name": "Secret opener", "text": "x"})
    assert outsider_client.get(reverse("pitches:edit", args=[pitch.code])).status_code == 404
    retire = outsider_client.post(reverse("pitches:retire", args=[pitch.code]))
    assert retire.status_code == 404
    assert "Secret opener" not in outsider_client.get(reverse("pitches:index")).content.decode()
    assert "Secret opener" not in outsider_client.get(reverse("asks:create")).content.decode()
