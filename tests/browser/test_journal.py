"""The Sunday journey on a phone: three asks, two no's, the week in review, two answers
typed (saved as they are typed), a reload, and the words are still there."""

import pytest
from playwright.sync_api import expect

from nomentum.journal.models import Reflection
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_the_week_and_reflect_on_a_phone(live_server, phone, django_user_model):
    django_user_model.objects.create_user("rae", password="a sturdy passphrase 42")
    page = phone
    log_in(page, live_server.url, "rae", "a sturdy passphrase 42")

    quick = page.locator("#quicklog")
    for request in ("Ask the bakery for a free coffee", "Ask Acme for a pilot", "Ask for a raise"):
        quick.get_by_label("What are you asking for?").fill(request)
        quick.get_by_role("button", name="Log it").click()
        expect(page.locator("#live-lists").get_by_text(request)).to_be_visible()
    waiting = page.locator("#waiting-title + * tr, #waiting-title ~ * tr")
    for count, request in enumerate(
        ("Ask the bakery for a free coffee", "Ask Acme for a pilot"), 1
    ):
        waiting.filter(has_text=request).get_by_role("button", name="No", exact=True).click()
        expect(page.locator(".stats .big dd")).to_have_text(str(count))

    page.get_by_role("link", name="Journal").click()
    # On the first day of a week the review offered is the week just ended; the asks
    # logged today are in "this week so far".
    so_far = page.get_by_role("link", name="This week so far")
    if so_far.count():
        so_far.click()
    else:
        page.get_by_role("link", name="Your week in review").click()
    stats = page.get_by_label("This week's numbers")
    expect(stats.locator(".big dd")).to_have_text("2")
    expect(page.locator("#nos-title + ul")).to_contain_text("Ask Acme for a pilot")

    learned = page.get_by_label("What did this week's no's teach you?")
    learned.fill("A no from Acme was about budget, not about me")
    expect(page.locator("#saved-learned")).to_contain_text("Saved")
    feeling = page.get_by_label("How do you feel about asking now?")
    feeling.fill("Lighter than on Monday")
    expect(page.locator("#saved-feeling")).to_contain_text("Saved")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "journal-week-375.png"), full_page=True)

    page.reload()
    expect(page.get_by_label("What did this week's no's teach you?")).to_have_value(
        "A no from Acme was about budget, not about me"
    )
    expect(page.get_by_label("How do you feel about asking now?")).to_have_value(
        "Lighter than on Monday"
    )
    assert set(Reflection.objects.get().answers) == {"learned", "feeling"}

    page.get_by_role("button", name="Get feedback").click()
    expect(page.locator("#feedback")).to_contain_text("Suggestions from your week")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the week in review scrolls sideways on a phone ({width}px)"
