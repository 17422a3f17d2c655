"""Two-step sign-in: setting it up with a QR code and a first code, logging in with a
code or a recovery code, wrong codes, the lockout, and the admin site's requirement."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from nomentum.accounts import twofactor
from nomentum.accounts.models import User
from tests.accounts.conftest import ALICE_PASSWORD, app_code, enrol, log_in


def _unthrottle(device) -> None:
    """Wrong codes slow the next try down (1, 2, 4… s); tests don't wait."""
    type(device).objects.filter(pk=device.pk).update(throttling_failure_count=0)


def test_setting_up_shows_a_qr_code_and_the_key_then_the_recovery_codes(owner_client, owner):
    page = owner_client.get("/accounts/two-step/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg viewBox="0 0 ' in html and 'class="qr"' in html  # drawn here, inline
    key = re.search(r'id="app-key">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=owner, confirmed=False)
    assert b32decode(key.replace(" ", "")) == device.bin_key
    assert owner_client.get("/accounts/two-step/").content.decode().count(key) == 1  # same key

    wrong = owner_client.post("/accounts/two-step/", {"code": "123"})
    assert wrong.status_code == 400
    assert "Enter the 6-digit code your app shows for Nomentum." in wrong.content.decode()
    assert not twofactor.is_on(owner)

    code = f"{totp(b32decode(key.replace(' ', ''))):06d}"  # what the app shows
    done = owner_client.post("/accounts/two-step/", {"code": code[:3] + " " + code[3:]})
    html = done.content.decode()
    assert done.status_code == 200 and "Two-step sign-in is on" in html
    shown = re.findall(r"<li><code>([a-z2-7]{4})-([a-z2-7]{4})</code></li>", html)
    assert len(shown) == 10
    assert sorted(a + b for a, b in shown) == sorted(
        StaticToken.objects.filter(device__user=owner).values_list("token", flat=True)
    )
    assert twofactor.is_on(owner)
    status = owner_client.get("/accounts/two-step/").content.decode()
    assert "You have 10 recovery codes left." in status and shown[0][0] not in status


def test_a_wrong_first_code_says_so_and_keeps_it_off(owner_client, owner):
    owner_client.get("/accounts/two-step/")
    response = owner_client.post("/accounts/two-step/", {"code": "000000"})
    assert response.status_code == 400
    assert "That code didn&#x27;t work." in response.content.decode()
    assert not twofactor.is_on(owner)


def test_logging_in_asks_for_the_code_after_the_password(owner, owner_device):
    client = Client()
    step = log_in(client, "alice", ALICE_PASSWORD, QUERY_STRING="next=/asks/")
    assert step["Location"] == "/accounts/login/code/"
    assert client.get("/").context["user"].is_anonymous  # not signed in yet
    form = client.get("/accounts/login/code/")
    assert b"One more step" in form.content and b'autocomplete="one-time-code"' in form.content

    done = client.post("/accounts/login/code/", {"code": app_code(owner_device)})
    assert done["Location"] == "/asks/"
    today = client.get("/")
    assert today.context["user"] == owner and today.wsgi_request.user.is_verified()


def test_a_wrong_code_says_so_and_signs_nobody_in(owner, owner_device):
    client = Client()
    log_in(client, "alice", ALICE_PASSWORD)
    response = client.post("/accounts/login/code/", {"code": "000000"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_code_error"><li>That code didn&#x27;t work.' in html
    assert client.get("/").context["user"].is_anonymous
    again = client.post("/accounts/login/code/", {"code": "111111"})
    assert "Too many wrong codes in a row. Wait" in again.content.decode()
    _unthrottle(owner_device)
    assert client.post("/accounts/login/code/", {"code": "not a code"}).status_code == 400
    assert client.post("/accounts/login/code/", {"code": app_code(owner_device)}).status_code == 302


def test_a_recovery_code_signs_in_once(owner):
    _, codes = enrol(owner)
    client = Client()
    log_in(client, "alice", ALICE_PASSWORD)
    done = client.post("/accounts/login/code/", {"code": codes[3].upper()[:4] + "-" + codes[3][4:]})
    assert done.status_code == 302
    page = client.get("/")
    assert page.context["user"] == owner
    assert "You used a recovery code; 9 left." in page.content.decode()

    other = Client()
    log_in(other, "alice", ALICE_PASSWORD)
    used = other.post("/accounts/login/code/", {"code": codes[3]})
    assert used.status_code == 400
    assert "That recovery code didn&#x27;t work. Each one works only once." in used.content.decode()


def test_the_code_step_needs_the_password_first_and_expires(owner, owner_device, monkeypatch):
    client = Client()
    response = client.get("/accounts/login/code/")
    assert response["Location"] == "/accounts/login/"
    log_in(client, "alice", ALICE_PASSWORD)
    monkeypatch.setattr("nomentum.accounts.views.CODE_STEP_SECONDS", 0)
    late = client.post("/accounts/login/code/", {"code": app_code(owner_device)}, follow=True)
    assert "the code step waits 10 minutes at most" in late.content.decode()
    assert late.context["user"].is_anonymous


def test_the_login_lockout_still_applies_to_the_password(owner, owner_device, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        log_in(client, "alice", "wrong")
    locked = log_in(client, "alice", ALICE_PASSWORD)
    assert locked.status_code == 429 and b"Too many tries" in locked.content
    assert "nomentum_code_step" not in client.session


def test_users_without_two_step_sign_in_log_in_as_before(owner):
    client = Client()
    assert log_in(client, "alice", ALICE_PASSWORD)["Location"] == "/"
    assert client.get("/").context["user"] == owner


def test_new_recovery_codes_replace_the_old_ones(owner_client, owner):
    _, old = enrol(owner)
    page = owner_client.post("/accounts/two-step/recovery-codes/")
    assert "Your new recovery codes" in page.content.decode()
    new = set(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)


def test_turning_it_off_lets_the_password_alone_sign_in(owner_client, owner):
    enrol(owner)
    response = owner_client.post("/accounts/two-step/off/", follow=True)
    assert "Two-step sign-in is off" in response.content.decode()
    assert not twofactor.is_on(owner) and not StaticToken.objects.exists()
    assert log_in(Client(), "alice", ALICE_PASSWORD)["Location"] == "/"


def test_nobody_elses_code_works(owner, outsider):
    enrol(owner)
    outsider_device, _ = enrol(outsider)
    client = Client()
    log_in(client, "alice", ALICE_PASSWORD)
    assert (
        client.post("/accounts/login/code/", {"code": app_code(outsider_device)}).status_code == 400
    )


@pytest.fixture
def operator(db):
    return User.objects.create_user(
        "op", "op@example.com", "the operator's passphrase", is_staff=True, is_superuser=True
    )


def test_with_admin_2fa_an_admin_without_it_is_sent_to_set_it_up(operator, settings):
    settings.ADMIN_2FA = True
    client = Client()
    client.force_login(operator)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/two-step/?next=%2Fadmin%2F"
    assert "The admin site needs two-step sign-in." in response.content.decode()

    device = TOTPDevice.objects.get(user=operator, confirmed=False)
    done = client.post("/accounts/two-step/?next=/admin/", {"code": app_code(device)})
    assert 'href="/admin/"' in done.content.decode()  # "I've saved them" goes back there
    assert client.get("/admin/").status_code == 200


def test_with_admin_2fa_a_session_without_a_code_must_give_one(operator, settings):
    settings.ADMIN_2FA = True
    device, _ = enrol(operator)
    client = Client()
    client.force_login(operator)  # signed in without the code step
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/confirm/?next=%2Fadmin%2F"
    assert b"Enter a code from your authenticator app." in response.content
    back = client.post("/accounts/confirm/?next=/admin/", {"code": app_code(device)})
    assert back["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_with_admin_2fa_an_admin_signed_in_with_a_code_gets_in(operator, settings):
    settings.ADMIN_2FA = True
    device, _ = enrol(operator)
    client = Client()
    log_in(client, "op", "the operator's passphrase", QUERY_STRING="next=/admin/")
    done = client.post("/accounts/login/code/", {"code": app_code(device)})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_without_admin_2fa_the_admin_site_is_as_before(operator, settings):
    settings.ADMIN_2FA = False
    client = Client()
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_is_nomentums_own_so_the_code_step_applies(operator, owner_client):
    enrol(operator)
    assert Client().get("/admin/login/?next=/admin/")["Location"] == (
        "/accounts/login/?next=/admin/"
    )
    # The admin's own form is never shown, so it can't sign anyone in without a code.
    posted = Client().post(
        "/admin/login/", {"username": "op", "password": "the operator's passphrase"}
    )
    assert posted.status_code == 302 and posted["Location"].startswith("/accounts/login/")
    assert owner_client.get("/admin/login/")["Location"] == "/"  # not staff: nothing there
