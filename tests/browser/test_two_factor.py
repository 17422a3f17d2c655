"""Two-step sign-in on a phone: set it up from Settings with the key as text, sign out,
sign in with the password and a code, and land on Today."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a sturdy passphrase 42"


def test_set_up_two_step_sign_in_then_log_in_with_a_code(live_server, phone, django_user_model):
    django_user_model.objects.create_user("dana", password=PASSWORD)
    page = phone
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(page, live_server.url, "dana", PASSWORD)
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Set up two-step sign-in").click()
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code with your app key")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "two_factor_enrol_375.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    key = b32decode(page.locator("#app-key").inner_text().replace(" ", ""))
    page.get_by_label("Code", exact=True).fill(f"{totp(key):06d}")  # what the phone's app shows
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Two-step sign-in is on")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I've saved them").click()
    expect(page.get_by_text("Logging in asks for your password and a code")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server.url, "dana", PASSWORD)
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "two_factor_code_375.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("That code didn't work.")).to_be_visible()
    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    # A code works once: the app's next code (the server accepts one step ahead).
    page.get_by_label("Code", exact=True).fill(f"{totp(key, drift=1):06d}")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Today", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
