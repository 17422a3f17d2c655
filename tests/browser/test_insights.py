"""Two weeks of backdated asks, then Insights on a phone: the fear headline is there and
nothing scrolls sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nomentum.asks import services
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_fear_headline_after_two_weeks_on_a_phone(live_server, phone, django_user_model):
    user = django_user_model.objects.create_user("kit", password="a sturdy passphrase 42")
    today = timezone.localdate()
    # Three scored asks in each of two weeks (the headline needs three a week).
    for days_ago, fear in ((14, 8), (14, 7), (14, 8), (0, 4), (0, 3), (0, 3)):
        services.log_ask(
            user,
            {
                "request": f"Ask a shop for a discount ({days_ago}, {fear})",
                "date": today - timedelta(days=days_ago),
                "fear_before": fear,
                "sting_after": fear - 1,
                "tier": "comfort",
                "outcome": "no",
                "objections": ["timing"],
            },
        )
    page = phone
    log_in(page, live_server.url, "kit", "a sturdy passphrase 42")
    expect(page.get_by_text("Your fear before asking fell from")).to_be_visible()
    page.get_by_role("link", name="Insights").click()
    expect(page.locator(".headline")).to_contain_text("Your fear before asking fell from 7.7")
    expect(page.get_by_role("img", name="Weekly average of fear before asking")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "insights-375.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"Insights scrolls sideways on a phone ({width}px)"
