"""The first journey: sign up, log the first ask, record a no, see it counted."""

import pytest
from playwright.sync_api import expect

from nomentum.asks.models import Ask
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_log_a_first_ask_and_record_a_no(live_server, phone):
    page = phone
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Start your first challenge").click()

    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password", exact=True).fill("a sturdy passphrase 42")
    page.get_by_label("Password confirmation").fill("a sturdy passphrase 42")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome to Nomentum")).to_be_visible()

    page.get_by_label("What are you asking for?").fill("Ask the bakery for a free coffee")
    page.get_by_label("Person / company").fill("Corner Bakery")
    page.get_by_label("Tier").select_option("comfort")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Logged. Asking was the brave part.")).to_be_visible()

    waiting = page.locator("#live-lists")
    expect(waiting.get_by_text("Ask the bakery for a free coffee")).to_be_visible()
    waiting.get_by_role("button", name="No", exact=True).click()

    expect(page.get_by_text("Your first no. The hardest one is behind you.")).to_be_visible()
    no_count = page.locator(".stats .big dd")
    expect(no_count).to_have_text("1")
    assert Ask.objects.get().outcome == "no"

    page.get_by_role("link", name="Log", exact=True).click()
    row = page.locator("tr", has_text="Ask the bakery for a free coffee")
    expect(row.locator(".badge.no")).to_have_text("No")
    expect(row).to_contain_text("Corner Bakery")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the log scrolls sideways on a phone ({width}px)"


def test_a_mistake_in_the_form_is_explained_next_to_the_field(
    live_server, phone, django_user_model
):
    django_user_model.objects.create_user("sam", password="a sturdy passphrase 42")
    page = phone
    log_in(page, live_server.url, "sam", "a sturdy passphrase 42")

    page.goto(live_server.url + "/asks/new/")
    page.get_by_label("What are you asking for?").fill("Ask for a raise")
    page.get_by_label("Fear before (0–10)").fill("11")
    page.get_by_role("button", name="Log it").click()

    error = page.locator("#id_fear_before_error")
    expect(error).to_have_text("Fear is a number from 0 (none) to 10 (terrified).")
    expect(page.get_by_label("What are you asking for?")).to_have_value("Ask for a raise")
    assert not Ask.objects.exists()
