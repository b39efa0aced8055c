"""A wrong backup code is a failed sign-in: the backup codes' own back-off counts it, and django-axes
counts it towards the lock, which then ends the session, as for a wrong authenticator code."""

import pytest
from django.test import override_settings

from accounts import two_factor
from tests.support.builders import PASSWORD

LIMIT = 5
WRONG = "zzzzzzzz"  # 8 characters of the backup codes' alphabet, so it is checked against them


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


def sign_in(client):
    return client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD}, REMOTE_ADDR="192.0.2.1")


def verify(client, code):
    return client.post("/accounts/two-factor/verify/", {"code": code}, REMOTE_ADDR="192.0.2.1")


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_wrong_backup_codes_are_throttled_and_lock_the_account(client, personas):
    codes = two_factor.confirm_authenticator(two_factor.pending_authenticator(personas["lead"]))
    assert WRONG not in codes
    device = two_factor.backup_codes_device(personas["lead"])
    assert sign_in(client).status_code == 302

    assert b"The code is not correct" in verify(client, WRONG).content
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Straight after a wrong code, even a right one waits (django-otp's back-off) and is not spent.
    assert b"Wait a minute" in verify(client, codes[0]).content
    device.throttle_reset()
    assert device.verify_token(codes[0]), "the code was not spent by the refused attempt"

    for _ in range(LIMIT - 3):
        device.throttle_reset()
        assert verify(client, WRONG).status_code == 200
    device.throttle_reset()
    assert verify(client, WRONG).status_code == 429
    assert client.get("/partnerships/northmere/").status_code == 302
    assert sign_in(client).status_code == 429
