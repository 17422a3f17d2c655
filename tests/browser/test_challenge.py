"""Start "100 in 30", log three no's, and watch the numbers move."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_100_in_30_log_three_nos_and_see_the_pace_change(
    live_server, phone, django_user_model
):
    django_user_model.objects.create_user("sam", password="a sturdy passphrase 42")
    page = phone
    log_in(page, live_server.url, "sam", "a sturdy passphrase 42")

    page.get_by_role("link", name="100 rejections in 30 days").click()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("has started")).to_be_visible()
    expect(page.get_by_text("25 more this week")).to_be_visible()
    expect(page.get_by_text("Week 1: Warming up.")).to_be_visible()

    page.get_by_role("link", name="Today", exact=True).click()
    card = page.locator("#live-challenges article.challenge")
    name = card.locator("h3").inner_text()
    chart = page.locator("figure.chart img")
    expect(chart).to_have_attribute(
        "alt", f"Burn-up chart of {name}: 0 counted of 100; the target line expects 4 by today."
    )
    for request in ("Ask for a window seat", "Ask for a free dessert", "Ask to skip the queue"):
        page.get_by_label("What are you asking for?").fill(request)
        page.locator("#quicklog details summary").click()
        page.locator("#quicklog").get_by_label("Outcome").select_option("no")
        page.get_by_role("button", name="Log it").click()
        # Saved when the form has cleared itself for the next ask.
        expect(page.get_by_label("What are you asking for?")).to_have_value("")
        expect(page.get_by_text("Logged. Asking was the brave part.")).to_be_visible()
        page.locator("#quicklog details summary").click()  # fold the extra fields again

    expect(card).to_contain_text("22 more this week")
    expect(card.locator("progress")).to_have_attribute("value", "3")
    expect(chart).to_have_attribute(
        "alt", f"Burn-up chart of {name}: 3 counted of 100; the target line expects 4 by today."
    )
    svg = page.request.get(live_server.url + chart.get_attribute("src"))
    assert svg.status == 200 and svg.headers["content-type"] == "image/svg+xml"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the dashboard scrolls sideways on a phone ({width}px)"
