"""What the account tests share: codes from a user's app, two-step sign-in turned on
the way the web page does it, and a session whose last password is long ago."""

import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nomentum.accounts import services
from nomentum.accounts.reauth import AUTH_AT, REAUTH_SECONDS

ALICE_PASSWORD = "alice's long passphrase"


def app_code(device: TOTPDevice) -> str:
    """The code the user's app would show now, one not used yet: a code works once, so
    a test that signs in twice within 30 seconds uses the next step's code (the server
    accepts one step either side)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    if device.last_t > now:  # the next step's code is used too: start the clock over
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        device.last_t = -1
    step = max(now, device.last_t + 1)
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    """Two-step sign-in on, as Settings turns it on: a key, a right code, ten codes."""
    device = services.start_two_factor(user)
    app_code(device)
    return device, services.turn_on_two_factor(user, device)


def make_stale(client: Client) -> None:
    """The password was last given more than ten minutes ago."""
    session = client.session
    session[AUTH_AT] = time.time() - REAUTH_SECONDS - 5
    session.save()


def log_in(client: Client, username: str, password: str, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


@pytest.fixture
def owner_device(owner):
    return enrol(owner)[0]
