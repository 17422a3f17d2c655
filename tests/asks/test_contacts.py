from django.urls import reverse

from nomentum.asks import services
from nomentum.asks.models import Ask, Contact


def test_contact_pages_show_the_history_and_are_private(owner_client, outsider_client, make_ask):
    make_ask("Ask Dana for coffee", to="Dana Lee, Acme", outcome="yes")
    dana = Contact.objects.get(name="Dana Lee")
    page = owner_client.get(reverse("contacts:detail", args=[dana.code]))
    assert b"Ask Dana for coffee" in page.content
    assert b"Dana Lee" in owner_client.get("/contacts/").content
    assert outsider_client.get(reverse("contacts:detail", args=[dana.code])).status_code == 404
    assert b"Dana Lee" not in outsider_client.get("/contacts/").content
    other = outsider_client.post(
        reverse("contacts:merge", args=[dana.code]), {"other": str(dana.code)}
    )
    assert other.status_code == 404


def test_merging_duplicates_moves_every_ask(owner_client, owner, make_ask):
    make_ask("First", to="Dana Lee", outcome="yes")
    make_ask("Second", to="Dana Leigh", outcome="yes")
    keep = Contact.objects.get(name="Dana Lee")
    other = Contact.objects.get(name="Dana Leigh")
    owner_client.post(reverse("contacts:merge", args=[keep.code]), {"other": str(other.code)})
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert set(Ask.objects.filter(person=keep).values_list("request", flat=True)) == {
        "First",
        "Second",
    }


def test_renaming_onto_an_existing_contact_suggests_a_merge(owner_client, make_ask):
    make_ask("First", to="Dana Lee", outcome="yes")
    make_ask("Second", to="Dana Leigh", outcome="yes")
    other = Contact.objects.get(name="Dana Leigh")
    response = owner_client.post(
        reverse("contacts:detail", args=[other.code]), {"name": "dana lee"}
    )
    assert response.status_code == 400
    assert "Merge the two instead" in response.content.decode()


def test_a_referral_shows_as_a_prospect_linked_to_the_referrer(owner, owner_client):
    ask = services.log_ask(owner, {"request": "Ask Acme for a role", "to": "Dana Lee, Acme"}).ask
    services.record_outcome(ask, "no", miner={"who_else": "Sam Roe"})
    listing = owner_client.get("/contacts/").content.decode()
    assert "suggested by Dana Lee" in listing and "prospect" in listing
