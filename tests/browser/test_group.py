"""An organiser starts "November of NO", a friend joins by the link, both log, and the
board and the feed move."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from nomentum.groups import services
from nomentum.groups.models import Group
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a sturdy passphrase 42"


def log_a_no(page, base_url: str, request: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("What are you asking for?").fill(request)
    page.locator("#quicklog details summary").click()
    page.locator("#quicklog").get_by_label("Outcome").select_option("no")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_label("What are you asking for?")).to_have_value("")


def test_organiser_and_friend_share_a_month_of_no(live_server, browser, phone, django_user_model):
    for name in ("ana", "ben", "cy"):
        django_user_model.objects.create_user(name, password=PASSWORD)
    today = date.today()
    organiser = phone
    log_in(organiser, live_server.url, "ana", PASSWORD)
    organiser.get_by_role("link", name="Groups", exact=True).click()
    organiser.get_by_role("link", name="New group…").click()
    organiser.get_by_label("Name").fill("November of NO")
    organiser.get_by_label("Start").fill(today.isoformat())
    organiser.get_by_label("End", exact=True).fill((today + timedelta(days=29)).isoformat())
    organiser.get_by_label("Show my counts to the group").check()
    organiser.get_by_role("button", name="Create the group").click()
    expect(organiser.get_by_role("heading", name="November of NO")).to_be_visible()
    link = organiser.locator("code").first.inner_text()
    assert "/groups/join/" in link

    # A third member who shows their counts, so the board can appear.
    group = Group.objects.get(name="November of NO")
    services.join_group(django_user_model.objects.get(username="cy"), group, 2, on_board=True)

    context = browser.new_context(viewport={"width": 375, "height": 740})
    friend = context.new_page()
    friend.set_default_timeout(10_000)
    log_in(friend, live_server.url, "ben", PASSWORD)
    friend.goto(link)
    expect(friend.get_by_role("heading", name="Join “November of NO”")).to_be_visible()
    friend.get_by_label("Your weekly goal").fill("4")
    friend.get_by_label("Show my counts to the group").check()
    friend.get_by_role("button", name="Join the group").click()
    expect(friend.get_by_text("Welcome to November of NO.")).to_be_visible()

    log_a_no(friend, live_server.url, "Ask the bakery for a day-old loaf")
    log_a_no(friend, live_server.url, "Ask to swap shifts")
    log_a_no(organiser, live_server.url, "Ask the landlord for a later rent day")

    organiser.goto(live_server.url + f"/groups/{group.code}/")
    board = organiser.locator("#board table")
    expect(board.locator("tbody tr").nth(0)).to_contain_text("ben")
    expect(board.locator("tbody tr").nth(0)).to_contain_text("2")
    expect(board.locator("tbody tr").nth(1)).to_contain_text("ana (you)")
    feed = organiser.locator("#feed")
    expect(feed).to_contain_text("ben reached their first no!")
    milestone = feed.locator("li", has_text="ben reached their first no!")
    milestone.get_by_role("button", name="Cheer").click()
    expect(
        organiser.locator("#feed li", has_text="ben reached their first no!").get_by_role(
            "button", name="Cheered · 1"
        )
    ).to_be_visible()

    friend.goto(live_server.url + f"/groups/{group.code}/")
    expect(friend.locator("#board tbody tr").nth(0)).to_contain_text("ben (you)")
    expect(friend.get_by_text("2 no's of your goal of 16")).to_be_visible()
    # Nothing of the friend's log but counts: the requests were never shared.
    assert "day-old loaf" not in organiser.content()
    width = friend.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the group page scrolls sideways on a phone ({width}px)"
    context.close()
