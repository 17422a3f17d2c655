"""Answer the questions, get a plan, tick an idea and find it filled in, ready to log."""

import re

import pytest
from playwright.sync_api import expect

from nomentum.asks.models import Ask
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_questionnaire_to_plan_to_a_prefilled_log(live_server, phone, django_user_model):
    django_user_model.objects.create_user("kim", password="a sturdy passphrase 42")
    page = phone
    log_in(page, live_server.url, "kim", "a sturdy passphrase 42")

    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("heading", name="Let's make a plan")).to_be_visible()
    page.get_by_label("Everyday").check()
    page.get_by_label("Social").check()
    page.get_by_label("Talking to people I don't know").check()
    page.get_by_label("1 — asking anything makes my stomach drop").check()
    page.get_by_label("Weeks").fill("3")
    page.get_by_label("Asks in all").fill("12")
    page.get_by_role("button", name="Make my plan").click()

    expect(page.get_by_text("Your plan is ready.")).to_be_visible()
    week_one = page.locator("section.plan-week").first
    expect(week_one).to_contain_text("Week 1 · this week")
    first_item = week_one.locator(".checklist li").first
    idea = first_item.locator(".item-text").inner_text().rsplit(" ", 1)[0].strip()
    first_item.get_by_role("button", name=f"Do this one and log it: {idea}").click()

    expect(page).to_have_url(re.compile(r"/asks/new/\?request="))
    expect(page.get_by_label("What are you asking for?")).to_have_value(idea)
    expect(page.get_by_label("Tier")).to_have_value("comfort")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Logged. Asking was the brave part.")).to_be_visible()
    assert Ask.objects.get().request == idea

    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.locator(".checklist li.done").first).to_contain_text(idea)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the plan scrolls sideways on a phone ({width}px)"
