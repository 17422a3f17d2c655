from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nomentum.asks.models import Ask, Outcome

URL_NAMES = ["edit", "edit-post", "delete", "delete-post", "outcome", "made-it"]


def _urls(ask):
    code = ask.code
    return {
        "edit": ("get", reverse("asks:edit", args=[code]), {}),
        "edit-post": ("post", reverse("asks:edit", args=[code]), {"request": "Changed"}),
        "delete": ("get", reverse("asks:delete", args=[code]), {}),
        "delete-post": ("post", reverse("asks:delete", args=[code]), {}),
        "outcome": ("post", reverse("asks:outcome", args=[code]), {"outcome": "no"}),
        "made-it": ("post", reverse("asks:made_it", args=[code]), {}),
    }


@pytest.mark.parametrize("name", URL_NAMES)
def test_an_outsider_gets_404_and_changes_nothing(name, make_ask, outsider_client):
    ask = make_ask("Mine alone", lessons="private lesson")
    method, url, data = _urls(ask)[name]
    response = getattr(outsider_client, method)(url, data)
    assert response.status_code == 404
    assert b"Mine alone" not in response.content
    ask.refresh_from_db()
    assert (ask.request, ask.outcome) == ("Mine alone", Outcome.PENDING)


@pytest.mark.parametrize("name", URL_NAMES)
def test_the_owner_may_use_every_ask_page(name, make_ask, owner_client):
    ask = make_ask("Mine", self_rejection=(name == "made-it"))
    method, url, data = _urls(ask)[name]
    response = getattr(owner_client, method)(url, data)
    # A page shows itself; a form that did its work sends the browser on.
    assert response.status_code == (200 if method == "get" else 302)


@pytest.mark.parametrize(
    "url", ["/", "/asks/", "/asks/new/", "/asks/waiting/", "/accounts/settings/"]
)
def test_every_page_asks_anonymous_visitors_to_log_in(url, db):
    response = Client().get(url)
    if url == "/":
        assert response.status_code == 200
        assert b"Count every no as a win" in response.content
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/asks/new/", {"request": "Sneaky"}),
        ("/asks/waiting/", {}),
        ("/accounts/settings/", {"timezone": "UTC", "no_response_days": 14}),
    ],
)
def test_posts_without_a_csrf_token_are_refused(url, data, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(url, data)
    assert response.status_code == 403
    assert b"Please try again" in response.content
    assert not Ask.objects.filter(request="Sneaky").exists()


def test_one_tap_outcome_without_csrf_is_refused(make_ask, owner):
    ask = make_ask()
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("asks:outcome", args=[ask.code]), {"outcome": "no"})
    assert response.status_code == 403
    ask.refresh_from_db()
    assert ask.outcome == Outcome.PENDING


def test_the_log_lists_only_my_asks(make_ask, outsider, owner_client):
    make_ask("Ask the bakery for yesterday's bread")
    make_ask("Charlie's secret ask", user=outsider)
    response = owner_client.get("/asks/")
    assert b"Ask the bakery" in response.content
    assert b"Charlie&#x27;s secret ask" not in response.content
    assert b"secret ask" not in response.content


def test_quick_log_then_celebrate_the_first_no(owner_client, owner):
    response = owner_client.post(
        "/asks/new/",
        {"request": "Ask for a mentor", "to": "Dana Lee, Acme", "outcome": "no", "next": "/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    assert b"Your first no. The hardest one is behind you." in response.content
    ask = Ask.objects.get(owner=owner)
    assert (ask.request, ask.to, ask.outcome) == ("Ask for a mentor", "Dana Lee, Acme", "no")


def test_quick_log_refuses_to_redirect_offsite(owner_client):
    response = owner_client.post("/asks/new/", {"request": "Ask", "next": "https://evil.example/"})
    assert response["Location"] == "/asks/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"request": ""}, "Write down what you asked for"),
        ({"request": "x" * 5000}, "Keep the request under 1,000 characters"),
        ({"request": "Ask", "fear_before": "11"}, "Fear is a number from 0"),
        ({"request": "Ask", "sting_after": "-1"}, "Sting is a number from 0"),
        ({"request": "Ask", "outcome": "maybe"}, "Outcome is one of"),
        ({"request": "Ask", "date": "3026-01-01"}, "That date is in the future"),
        ({"request": "Ask", "date": "yesterday"}, "Use a date like"),
        ({"request": "Ask", "tier": "heroic"}, "Tier is one of"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    data, message, owner_client, owner
):
    response = owner_client.post("/asks/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="field has-error"' in response.content.decode()
    assert not Ask.objects.filter(owner=owner).exists()


def test_editing_keeps_everything_else(make_ask, owner_client):
    ask = make_ask("Old text", to="Dana Lee, Acme", tier="stretch", fear_before=7)
    form = owner_client.get(reverse("asks:edit", args=[ask.code]))
    assert b'value="Dana Lee, Acme"' in form.content
    response = owner_client.post(
        reverse("asks:edit", args=[ask.code]),
        {
            "request": "New text",
            "to": "Dana Lee, Acme",
            "tier": "stretch",
            "fear_before": 7,
            "outcome": "yes",
            "date": ask.date.isoformat(),
        },
    )
    assert response.status_code == 302
    ask.refresh_from_db()
    assert (ask.request, ask.tier, ask.fear_before, ask.outcome) == (
        "New text",
        "stretch",
        7,
        "yes",
    )


def test_delete_asks_for_confirmation_first(make_ask, owner_client):
    ask = make_ask("Delete me")
    page = owner_client.get(reverse("asks:delete", args=[ask.code]))
    assert b"can't be undone" in page.content
    assert Ask.objects.filter(pk=ask.pk).exists()
    owner_client.post(reverse("asks:delete", args=[ask.code]))
    assert not Ask.objects.filter(pk=ask.pk).exists()


def test_one_tap_outcome_over_htmx_returns_the_row_and_the_cheer(make_ask, owner_client):
    ask = make_ask("Ask for a podcast slot")
    response = owner_client.post(
        reverse("asks:outcome", args=[ask.code]), {"outcome": "no"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="ask-{ask.code}"' in body
    assert 'class="badge no"' in body
    assert "Your first no" in body
    assert response["HX-Trigger"] == "ask-changed"


def test_one_tap_outcome_rejects_unknown_outcomes_with_a_reason(make_ask, owner_client):
    ask = make_ask()
    response = owner_client.post(reverse("asks:outcome", args=[ask.code]), {"outcome": "maybe"})
    assert response.status_code == 400
    assert b"Outcome is one of" in response.content


def test_log_filters_and_sorts(make_ask, owner_client):
    today = timezone.localdate()
    make_ask("Alpha pitch", outcome="no", tier="moonshot", date=today - timedelta(days=3))
    make_ask("Bravo ask", outcome="yes", tier="comfort", date=today - timedelta(days=1))
    make_ask("Charlie ask", outcome="no", tier="comfort", date=today, to="Dana Lee, Acme")

    def requests(query):
        page = owner_client.get("/asks/?" + query).context["page"]
        return [a.request for a in page.object_list]

    assert requests("") == ["Charlie ask", "Bravo ask", "Alpha pitch"]
    assert requests("sort=date") == ["Alpha pitch", "Bravo ask", "Charlie ask"]
    assert requests("sort=request") == ["Alpha pitch", "Bravo ask", "Charlie ask"]
    assert requests("outcome=no") == ["Charlie ask", "Alpha pitch"]
    assert requests("tier=comfort&outcome=no") == ["Charlie ask"]
    assert requests("q=acme") == ["Charlie ask"]
    assert requests("q=PITCH") == ["Alpha pitch"]
    assert requests(f"since={(today - timedelta(days=2)).isoformat()}") == [
        "Charlie ask",
        "Bravo ask",
    ]


def test_log_paginates_and_keeps_the_filter(owner, owner_client):
    Ask.objects.bulk_create(
        Ask(owner=owner, request=f"ask {i}", date=timezone.localdate(), outcome="no")
        for i in range(120)
    )
    first = owner_client.get("/asks/?outcome=no")
    assert len(first.context["page"].object_list) == 50
    assert b"Page 1 of 3" in first.content
    assert b"outcome=no&amp;sort=-date&amp;page=2" in first.content
    last = owner_client.get("/asks/?outcome=no&page=3")
    assert len(last.context["page"].object_list) == 20


def test_log_page_query_count_does_not_grow_with_asks(
    owner, owner_client, django_assert_max_num_queries
):
    Ask.objects.bulk_create(
        Ask(owner=owner, request=f"ask {i}", date=timezone.localdate()) for i in range(200)
    )
    for ask in Ask.objects.filter(owner=owner)[:50]:
        ask.save()
    with django_assert_max_num_queries(8):
        owner_client.get("/asks/?sort=-date")
    with django_assert_max_num_queries(10):
        owner_client.get("/")


def test_waiting_lists_pending_oldest_first_and_offers_to_close_stale_ones(
    make_ask, owner_client, owner
):
    today = timezone.localdate()
    make_ask("Answered", outcome="yes")
    make_ask("Newer", date=today)
    make_ask("Ancient", date=today - timedelta(days=40))
    page = owner_client.get("/asks/waiting/")
    asks = [a.request for a in page.context["page"].object_list]
    assert asks == ["Ancient", "Newer"]
    assert b"Mark 1 as no response" in page.content
    owner_client.post("/asks/waiting/")
    assert Ask.objects.get(request="Ancient").outcome == "no_response"
    assert Ask.objects.get(request="Newer").outcome == "pending"


def test_dashboard_shows_my_numbers(make_ask, owner_client):
    make_ask("one", outcome="no")
    make_ask("two", outcome="no")
    make_ask("three", outcome="yes")
    make_ask("not yet", self_rejection=True)
    response = owner_client.get("/")
    summary = response.context["summary"]
    assert (summary["asks"], summary["outcomes"]["no"], summary["outcomes"]["yes"]) == (3, 2, 1)
    assert b"Asks you talked yourself out of" in response.content
    assert b"not yet" in response.content


def test_pages_send_security_headers(owner_client):
    response = owner_client.get("/asks/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_an_edit_with_an_empty_date_keeps_the_old_date(make_ask, owner_client):
    day = timezone.localdate() - timedelta(days=5)
    ask = make_ask("Dated", date=day)
    owner_client.post(reverse("asks:edit", args=[ask.code]), {"request": "Dated", "date": ""})
    ask.refresh_from_db()
    assert ask.date == day


def test_changing_the_outcome_on_the_edit_page_celebrates_too(make_ask, owner_client):
    ask = make_ask("Edited to a no")
    response = owner_client.post(
        reverse("asks:edit", args=[ask.code]),
        {"request": "Edited to a no", "outcome": "no"},
        follow=True,
    )
    assert b"Your first no" in response.content
    ask.refresh_from_db()
    assert ask.answered_on == timezone.localdate()


def test_quick_log_over_htmx_answers_with_just_the_cheer(owner_client, owner):
    response = owner_client.post(
        "/asks/new/",
        {"request": "Ask for a mentor", "outcome": "no"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "ask-changed"
    assert 'id="quicklog"' not in body
    assert "Logged. Asking was the brave part." in body
    assert "Your first no" in body
    assert Ask.objects.filter(owner=owner, request="Ask for a mentor").exists()


def test_quick_log_over_htmx_shows_errors_in_place_with_422(owner_client, owner):
    response = owner_client.post(
        "/asks/new/", {"request": "Ask", "fear_before": "11"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert response["HX-Reswap"] == "outerHTML"
    assert "Fear is a number from 0" in response.content.decode()
    assert not Ask.objects.filter(owner=owner).exists()
