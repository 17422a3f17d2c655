import pytest
from django.core import mail
from django.test import Client

from nomentum.accounts.models import User


def test_signing_up_logs_you_in(db):
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "username": "dana",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
            "timezone": "Europe/Berlin",
        },
        follow=True,
    )
    assert b"Welcome to Nomentum" in response.content
    user = User.objects.get(username="dana")
    assert user.timezone == "Europe/Berlin"
    assert response.context["user"] == user


def test_signup_explains_weak_passwords(db):
    response = Client().post(
        "/accounts/signup/",
        {"username": "dana", "password1": "123", "password2": "123", "timezone": "UTC"},
    )
    assert response.status_code == 400
    assert b"too short" in response.content
    assert not User.objects.exists()


def test_signup_can_be_closed(db, settings):
    settings.SIGNUP_OPEN = False
    client = Client()
    assert client.get("/accounts/signup/").status_code == 403
    client.post(
        "/accounts/signup/",
        {
            "username": "dana",
            "password1": "a sturdy passphrase 42",
            "password2": "a sturdy passphrase 42",
            "timezone": "UTC",
        },
    )
    assert not User.objects.exists()


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("dana", password="a sturdy passphrase 42")
    assert user.password.startswith("argon2")


def test_login_and_logout(owner):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "alice's long passphrase"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == owner
    client.post("/accounts/logout/")
    assert b"Count every no as a win" in client.get("/").content


def test_login_is_locked_after_repeated_failures(owner, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "alice's long passphrase"}
    )
    assert response.status_code == 429
    assert b"Too many tries" in response.content


def test_password_reset_sends_an_email(owner):
    Client().post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_settings_change_time_zone_and_reject_bad_values(owner_client, owner):
    response = owner_client.post(
        "/accounts/settings/", {"timezone": "Mars/Olympus", "no_response_days": 0}
    )
    assert response.status_code == 400
    owner.refresh_from_db()
    assert owner.timezone == "UTC"
    owner_client.post(
        "/accounts/settings/",
        {"timezone": "Asia/Tokyo", "no_response_days": 10, "display_name": "Al", "max_nudges": 2},
    )
    owner.refresh_from_db()
    assert (owner.timezone, owner.no_response_days, owner.display_name, owner.max_nudges) == (
        "Asia/Tokyo",
        10,
        "Al",
        2,
    )


@pytest.mark.parametrize("path", ["/admin/", "/admin/asks/ask/"])
def test_admin_is_for_staff_only(owner_client, path):
    response = owner_client.get(path)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_password_reset_link_sets_a_new_password(owner):
    client = Client()
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/reset/" in w)
    form = client.get(link, follow=True)
    assert b"Choose a new password" in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase 7", "new_password2": "a brand new passphrase 7"},
        follow=True,
    )
    assert b"Password set" in done.content
    owner.refresh_from_db()
    assert owner.check_password("a brand new passphrase 7")


def test_password_change_needs_the_old_password(owner_client, owner):
    response = owner_client.post(
        "/accounts/password_change/",
        {
            "old_password": "wrong",
            "new_password1": "another passphrase 9",
            "new_password2": "another passphrase 9",
        },
    )
    assert b"Your old password was entered incorrectly" in response.content
    owner.refresh_from_db()
    assert owner.check_password("alice's long passphrase")


def test_settings_page_title_is_plain_text(owner_client):
    html = owner_client.get("/accounts/settings/").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title == "Settings · Nomentum"
    assert html.count('id="tokens-title"') == 1


def _fail_logins(address: str, forwarded: str = "", tries: int = 3):
    client = Client(
        REMOTE_ADDR=address, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    )
    for _ in range(tries):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    return client.post(
        "/accounts/login/", {"username": "alice", "password": "alice's long passphrase"}
    ).status_code


def test_lockout_ignores_a_forwarded_address_without_a_configured_proxy(owner, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert _fail_logins("10.0.0.5", forwarded="1.1.1.1") == 429
    # Another forged header from the same connection is the same address: still locked.
    assert _fail_logins("10.0.0.5", forwarded="2.2.2.2", tries=0) == 429
    assert _fail_logins("10.0.0.6", tries=0) == 302  # another address may sign in


def test_behind_a_configured_proxy_lockout_keys_on_the_forwarded_client(owner, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.1"  # the proxy appends the address it was reached from
    assert _fail_logins(proxy, forwarded="203.0.113.7") == 429
    # The same client writing its own X-Forwarded-For first is still that client.
    assert _fail_logins(proxy, forwarded="6.6.6.6, 203.0.113.7", tries=0) == 429
    assert _fail_logins(proxy, forwarded="198.51.100.4", tries=0) == 302  # someone else
