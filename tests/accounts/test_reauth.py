"""Re-authentication: a new token, another email or password, two-step sign-in off and
deleting the account each need the password (or a code) from the last ten minutes;
otherwise "Confirm it's you", and back to where the person was."""

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from nomentum.accounts import twofactor
from nomentum.accounts.models import ApiToken
from nomentum.accounts.reauth import AUTH_AT, recent_auth_required
from tests.accounts.conftest import ALICE_PASSWORD, app_code, enrol, log_in, make_stale

CONFIRM = "/accounts/confirm/?next="


def confirm_with_password(client: Client, back: str):
    return client.post(f"/accounts/confirm/?next={back}", {"password": ALICE_PASSWORD})


def test_making_a_token_asks_to_confirm_and_comes_back(owner_client, owner):
    make_stale(owner_client)
    response = owner_client.post("/accounts/tokens/", {"name": "laptop"})
    assert response["Location"] == CONFIRM + "%2Faccounts%2Fsettings%2F"
    assert not ApiToken.objects.exists()
    page = owner_client.get(response["Location"])
    assert b"Confirm it&#x27;s you" in page.content and b"then make the token again" in page.content
    back = confirm_with_password(owner_client, "/accounts/settings/")
    assert back["Location"] == "/accounts/settings/"
    made = owner_client.post("/accounts/tokens/", {"name": "laptop"})
    assert made.status_code == 200 and ApiToken.objects.filter(user=owner).count() == 1


def test_revoking_a_token_needs_no_confirmation(owner_client, owner):
    from nomentum.accounts.services import create_token

    token, _ = create_token(owner)
    make_stale(owner_client)
    owner_client.post("/accounts/tokens/", {"revoke": str(token.code)})
    token.refresh_from_db()
    assert token.revoked_at is not None


SETTINGS = {"timezone": "UTC", "no_response_days": 14, "max_nudges": 1}


def test_changing_the_email_asks_to_confirm_and_keeps_the_rest(owner_client, owner):
    make_stale(owner_client)
    data = SETTINGS | {"email": "new@example.com", "display_name": "Al"}
    response = owner_client.post("/accounts/settings/", data)
    assert response["Location"] == CONFIRM + "%2Faccounts%2Fsettings%2F"
    owner.refresh_from_db()
    assert (owner.email, owner.display_name) == ("alice@example.com", "Al")

    confirm_with_password(owner_client, "/accounts/settings/")
    page = owner_client.get("/accounts/settings/").content.decode()
    assert 'value="new@example.com"' in page and "press Save to keep it" in page
    owner_client.post("/accounts/settings/", data)
    owner.refresh_from_db()
    assert owner.email == "new@example.com"


def test_other_settings_need_no_confirmation(owner_client, owner):
    make_stale(owner_client)
    data = SETTINGS | {"email": "alice@example.com", "timezone": "Asia/Tokyo"}
    assert owner_client.post("/accounts/settings/", data)["Location"] == "/accounts/settings/"
    owner.refresh_from_db()
    assert owner.timezone == "Asia/Tokyo"


def test_changing_the_password_asks_to_confirm_first(owner_client, owner):
    make_stale(owner_client)
    response = owner_client.get("/accounts/password_change/")
    assert response["Location"] == CONFIRM + "%2Faccounts%2Fpassword_change%2F"
    back = confirm_with_password(owner_client, "/accounts/password_change/")
    assert back["Location"] == "/accounts/password_change/"
    assert b"Change your password" in owner_client.get("/accounts/password_change/").content
    done = owner_client.post(
        "/accounts/password_change/",
        {
            "old_password": ALICE_PASSWORD,
            "new_password1": "another passphrase 9",
            "new_password2": "another passphrase 9",
        },
        follow=True,
    )
    assert b"Password changed" in done.content
    owner.refresh_from_db()
    assert owner.check_password("another passphrase 9")


def test_the_admins_password_change_is_the_same_page(owner):
    owner.is_staff = True
    owner.save()
    client = Client()
    client.force_login(owner)
    assert client.get("/admin/password_change/")["Location"] == "/accounts/password_change/"


def test_turning_two_step_sign_in_off_asks_for_a_code(owner_client, owner):
    device, _ = enrol(owner)
    make_stale(owner_client)
    response = owner_client.post("/accounts/two-step/off/")
    assert response["Location"] == CONFIRM + "%2Faccounts%2Ftwo-step%2F"
    assert twofactor.is_on(owner)
    page = owner_client.get(response["Location"]).content.decode()
    assert "Enter a code from your authenticator app." in page and 'name="password"' not in page
    wrong = owner_client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 400 and "That code didn&#x27;t work." in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    back = owner_client.post(response["Location"], {"code": app_code(device)})
    assert back["Location"] == "/accounts/two-step/"
    owner_client.post("/accounts/two-step/off/")
    assert not twofactor.is_on(owner)


def test_setting_up_two_step_sign_in_asks_to_confirm_first(owner_client, owner):
    make_stale(owner_client)
    response = owner_client.get("/accounts/two-step/?next=/admin/")
    assert response["Location"] == CONFIRM + "%2Faccounts%2Ftwo-step%2F%3Fnext%3D%2Fadmin%2F"
    assert not TOTPDevice.objects.filter(user=owner).exists()
    back = confirm_with_password(owner_client, "/accounts/two-step/%3Fnext%3D/admin/")
    assert back["Location"] == "/accounts/two-step/?next=/admin/"
    assert b"Set up two-step sign-in" in owner_client.get(back["Location"]).content


def test_new_recovery_codes_ask_to_confirm_too(owner_client, owner):
    enrol(owner)
    make_stale(owner_client)
    response = owner_client.post("/accounts/two-step/recovery-codes/")
    assert response["Location"] == CONFIRM + "%2Faccounts%2Ftwo-step%2F"


def test_deleting_the_account_asks_to_confirm_and_comes_back(owner_client):
    make_stale(owner_client)
    response = owner_client.get("/accounts/delete/")
    assert response["Location"] == CONFIRM + "%2Faccounts%2Fdelete%2F"
    back = confirm_with_password(owner_client, "/accounts/delete/")
    assert back["Location"] == "/accounts/delete/"
    assert owner_client.get("/accounts/delete/").status_code == 200


def test_a_wrong_password_is_said_next_to_the_field(owner_client):
    make_stale(owner_client)
    response = owner_client.post(f"{CONFIRM}/accounts/delete/", {"password": "nope"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_password_error"><li>That isn&#x27;t your password.' in html
    assert owner_client.get("/accounts/delete/").status_code == 302  # still not confirmed


def test_wrong_passwords_on_the_confirm_page_count_towards_the_lockout(owner_client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    make_stale(owner_client)
    for _ in range(2):
        owner_client.post(CONFIRM, {"password": "nope"})
    assert owner_client.post(CONFIRM, {"password": ALICE_PASSWORD}).status_code == 429


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", ""])
def test_confirming_never_leaves_the_site(owner_client, target):
    make_stale(owner_client)
    response = owner_client.post(f"{CONFIRM}{target}", {"password": ALICE_PASSWORD})
    assert response["Location"] == "/accounts/settings/"


def test_logging_in_counts_as_confirming(owner):
    client = Client()
    log_in(client, "alice", ALICE_PASSWORD)
    assert AUTH_AT in client.session
    assert client.post("/accounts/tokens/", {"name": "ci"}).status_code == 200


def test_after_ten_minutes_it_asks_again(owner_client, monkeypatch):
    assert owner_client.get("/accounts/delete/").status_code == 200
    monkeypatch.setattr("nomentum.accounts.reauth.REAUTH_SECONDS", -1)
    assert owner_client.get("/accounts/delete/").status_code == 302


def test_the_decorator_works_on_any_function_view(owner, rf: RequestFactory):
    @recent_auth_required
    def download(request, fmt):
        return HttpResponse(f"your {fmt}")

    request = rf.get("/accounts/export/json/?all=1")
    request.user = owner
    request.session = Client().session
    response = download(request, "json")
    assert response["Location"] == CONFIRM + "%2Faccounts%2Fexport%2Fjson%2F%3Fall%3D1"
    request.session[AUTH_AT] = time.time()
    assert download(request, "json").content == b"your json"
    anonymous = rf.get("/accounts/export/json/")
    anonymous.user = AnonymousUser()
    assert download(anonymous, "json")["Location"].startswith("/accounts/login/?next=")


def test_a_browser_session_makes_api_tokens_only_right_after_confirming(owner, owner_client):
    client = Client()
    client.force_login(owner)
    made = client.post("/api/tokens", data="{}", content_type="application/json")
    assert made.status_code == 201  # signing in counts as confirming
    make_stale(client)
    refused = client.post("/api/tokens", data="{}", content_type="application/json")
    assert refused.status_code == 403
    assert "Confirm it's you" in refused.json()["detail"]
    assert ApiToken.objects.filter(user=owner).count() == 1


def test_the_full_export_through_the_api_needs_a_recent_password_from_a_browser(owner):
    client = Client()
    client.force_login(owner)
    assert client.get("/api/export?format=json").status_code == 200
    make_stale(client)
    assert client.get("/api/export?format=json").status_code == 403
    assert client.get("/api/export?format=csv").status_code == 200  # the log alone is fine
