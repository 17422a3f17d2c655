"""Where you're signed in: the browsers listed in Settings, signing one out, signing out
everywhere else, and nobody else's browser."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from nomentum.accounts import sessions
from nomentum.accounts.models import UserSession
from tests.accounts.conftest import ALICE_PASSWORD, log_in

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def browser(user_agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    assert log_in(client, "alice", ALICE_PASSWORD).status_code == 302
    return client


def signed_in(client: Client) -> bool:
    return client.get("/accounts/settings/").status_code == 200


def test_settings_list_each_browser_with_what_recognises_it(owner):
    laptop = browser(FIREFOX, "203.0.113.7")
    browser(IPHONE, "198.51.100.4")
    html = laptop.get("/accounts/settings/").content.decode()
    assert "<strong>Firefox on Linux</strong> · 203.0.113.7" in html
    assert "<strong>Safari on iPhone</strong> · 198.51.100.4" in html
    assert html.count("This browser") == 1 and "last seen now" in html
    row = UserSession.objects.get(user_agent="Firefox on Linux")
    assert (row.address, len(row.session_key)) == ("203.0.113.7", 32)


def test_sign_out_everywhere_else_keeps_this_browser(owner):
    laptop, phone, tablet = (browser(FIREFOX, f"203.0.113.{i}") for i in (1, 2, 3))
    done = laptop.post("/accounts/sessions/", follow=True)
    assert "Signed out 2 other browsers. This one stays." in done.content.decode()
    assert signed_in(laptop)
    assert not signed_in(phone) and not signed_in(tablet)
    assert UserSession.objects.filter(user=owner).count() == 1
    assert Session.objects.count() == 1  # gone from Django's session store too


def test_signing_out_one_browser(owner):
    laptop, phone = browser(FIREFOX, "203.0.113.7"), browser(IPHONE, "198.51.100.4")
    row = UserSession.objects.get(user_agent="Safari on iPhone")
    done = laptop.post(f"/accounts/sessions/{row.code}/sign-out/", follow=True)
    assert "Signed out Safari on iPhone." in done.content.decode()
    assert not signed_in(phone) and signed_in(laptop)


def test_signing_out_this_browser_from_the_list_logs_out(owner):
    laptop = browser(FIREFOX, "203.0.113.7")
    row = UserSession.objects.get(user=owner)
    assert laptop.post(f"/accounts/sessions/{row.code}/sign-out/")["Location"] == "/accounts/login/"
    assert not UserSession.objects.exists()


def test_someone_elses_browser_cannot_be_signed_out(owner, outsider):
    browser(FIREFOX, "203.0.113.7")
    theirs = Client()
    log_in(theirs, "charlie", "charlie's long passphrase")
    row = UserSession.objects.get(user=owner)
    for code in (row.code, "not-a-code"):
        assert theirs.post(f"/accounts/sessions/{code}/sign-out/").status_code == 404
    assert UserSession.objects.filter(pk=row.pk).exists()
    assert "alice" not in theirs.get("/accounts/settings/").content.decode()


def test_signing_out_removes_the_browser_from_the_list(owner):
    laptop = browser(FIREFOX, "203.0.113.7")
    laptop.post("/accounts/logout/")
    assert not UserSession.objects.exists()


def test_a_password_change_signs_the_other_browsers_out(owner):
    laptop, phone = browser(FIREFOX, "203.0.113.7"), browser(IPHONE, "198.51.100.4")
    laptop.post(
        "/accounts/password_change/",
        {
            "old_password": ALICE_PASSWORD,
            "new_password1": "another passphrase 9",
            "new_password2": "another passphrase 9",
        },
    )
    assert signed_in(laptop) and not signed_in(phone)
    rows = list(UserSession.objects.all())
    assert len(rows) == 1 and rows[0].session_key == laptop.session.session_key  # new key


def test_a_browser_whose_row_was_removed_is_signed_out_at_its_next_visit(owner, monkeypatch):
    laptop = browser(FIREFOX, "203.0.113.7")
    UserSession.objects.all().delete()  # e.g. its session lived on in another store
    monkeypatch.setattr(sessions, "SEEN_EVERY", 0)
    assert not signed_in(laptop)


def test_last_seen_is_kept_without_a_write_on_every_request(owner, monkeypatch):
    laptop = browser(FIREFOX, "203.0.113.7")
    first = UserSession.objects.get().last_seen
    laptop.get("/accounts/settings/")
    assert UserSession.objects.get().last_seen == first
    monkeypatch.setattr(sessions, "SEEN_EVERY", 0)
    laptop.get("/help/")
    assert UserSession.objects.get().last_seen > first


def test_sessions_from_before_the_list_are_listed_from_their_next_visit(owner_client, owner):
    UserSession.objects.all().delete()
    session = owner_client.session
    del session[sessions.MARK]
    session.save()
    assert signed_in(owner_client)
    assert UserSession.objects.filter(user=owner).count() == 1


@pytest.mark.parametrize(
    ("agent", "short"),
    [
        (FIREFOX, "Firefox on Linux"),
        (IPHONE, "Safari on iPhone"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/17.5 Safari/605.1.15",
            "Safari on macOS",
        ),
        ("curl/8.5.0", "curl"),
        ("", ""),
    ],
)
def test_a_user_agent_is_kept_in_short(agent, short):
    assert sessions.short_user_agent(agent) == short
