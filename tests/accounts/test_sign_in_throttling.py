"""Failed sign-ins are throttled by django-axes, per account and per address, and neither the lockout
page nor the sign-in error says whether an account exists."""

import datetime
import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.utils import timezone

from accounts import two_factor
from tests.support.builders import PASSWORD
from tests.support.paths import ROOT
from tests.support.two_factor import authenticator_code

LIMIT = 5


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


WRONG_PASSWORD = "not-the-password"


def attempt(client, username, password=WRONG_PASSWORD, address="192.0.2.1", **extra):
    return client.post("/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def fail(client, times, username="lead", address="192.0.2.1"):
    for _ in range(times):
        attempt(client, username, address=address)


def without_nonces(html):
    return re.sub(rb'nonce="[^"]*"', b"", html)


def signed_in(client):
    return client.get("/partnerships/northmere/").status_code == 200


def test_the_limit_locks_the_account_even_with_the_right_password(client, personas):
    fail(client, LIMIT - 1)
    assert attempt(client, "lead").status_code == 429  # the failure that reaches the limit
    locked = attempt(client, "lead", PASSWORD)
    assert locked.status_code == 429
    assert b"Sign-in paused" in locked.content and b"15 minutes" in locked.content
    assert not signed_in(client)


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, personas):
    fail(client, LIMIT - 1)
    assert attempt(client, "lead", PASSWORD).status_code == 302
    assert signed_in(client)


def test_lock_is_per_account_across_addresses(client, personas):
    for n in range(LIMIT):
        attempt(client, "lead", address=f"198.51.100.{n + 1}")
    assert attempt(client, "lead", PASSWORD, address="203.0.113.9").status_code == 429
    assert attempt(client, "scrutineer", PASSWORD, address="203.0.113.9").status_code == 302


def test_lock_is_per_address_across_accounts(client, personas):
    for name in ("a", "b", "c", "d", "e"):
        attempt(client, f"guess-{name}", address="192.0.2.66")
    assert attempt(client, "lead", PASSWORD, address="192.0.2.66").status_code == 429
    assert attempt(client, "lead", PASSWORD, address="192.0.2.67").status_code == 302


def test_lockout_page_is_the_same_for_an_account_that_does_not_exist(client, personas):
    fail(client, LIMIT, username="lead", address="192.0.2.10")
    fail(client, LIMIT, username="nobody-by-this-name", address="192.0.2.20")
    known = attempt(client, "lead", address="192.0.2.10")
    unknown = attempt(client, "nobody-by-this-name", address="192.0.2.20")
    assert known.status_code == unknown.status_code == 429
    assert without_nonces(known.content) == without_nonces(unknown.content)
    assert b"lead" not in known.content


def test_sign_in_error_is_the_same_for_a_wrong_password_an_unknown_name_and_a_deactivated_person(client, personas):
    personas["viewer"].is_active = False
    personas["viewer"].save()
    pages = [
        attempt(client, "lead", address="192.0.2.31").content,
        attempt(client, "nobody-by-this-name", address="192.0.2.32").content,
        attempt(client, "viewer", PASSWORD, address="192.0.2.33").content,
    ]
    assert b"Please enter a correct username and password" in pages[0]
    assert without_nonces(pages[0]).split(b"<form")[0] == without_nonces(pages[1]).split(b"<form")[0]
    assert len({page.split(b"govuk-error-summary__list")[1].split(b"</ul>")[0] for page in pages}) == 1


def test_the_lock_lifts_after_the_cool_off(client, personas):
    fail(client, LIMIT)
    assert attempt(client, "lead", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert attempt(client, "lead", PASSWORD).status_code == 302


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_wrong_authenticator_codes_count_and_end_the_session_at_the_limit(client, personas):
    device = two_factor.pending_authenticator(personas["lead"])
    two_factor.confirm_authenticator(device)
    assert attempt(client, "lead", PASSWORD).status_code == 302
    wrong = "000000" if authenticator_code(device) != "000000" else "111111"
    for _ in range(LIMIT - 1):
        device.throttle_reset()
        response = client.post("/accounts/two-factor/verify/", {"code": wrong}, REMOTE_ADDR="192.0.2.1")
        assert response.status_code == 200
    device.throttle_reset()
    response = client.post("/accounts/two-factor/verify/", {"code": wrong}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    assert not signed_in(client)
    assert attempt(client, "lead", PASSWORD).status_code == 429


@override_settings(AUDIT_CLIENT_IP_HEADER="X-Forwarded-For", AUDIT_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_forwarded_address_is_locked_not_the_proxy(client, personas):
    proxy = "10.0.0.2"
    for n in range(LIMIT):
        # The client may write anything into the header; the proxy appends what it saw, on the right.
        attempt(client, f"guess-{n}", address=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.50")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.50").exists()
    assert attempt(client, "lead", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50").status_code == 429
    assert attempt(client, "lead", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.51").status_code == 302


def test_limit_and_cool_off_come_from_the_environment():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SIGN_IN_")}
    program = "import project.settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds())"

    def read(**env):
        result = subprocess.run(
            [sys.executable, "-c", program],
            cwd=ROOT,
            env={**clean, "DEBUG": "1", **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()[-2:]

    assert read() == ["5", "900.0"]
    assert read(SIGN_IN_FAILURE_LIMIT="3", SIGN_IN_LOCKOUT_MINUTES="60") == ["3", "3600.0"]


@pytest.mark.parametrize("name", ["lead", "nobody-by-this-name"])
def test_failures_are_stored_without_the_password(client, personas, name):
    attempt(client, name, password="my-secret-guess-123")
    stored = AccessAttempt.objects.get()
    assert "my-secret-guess-123" not in stored.post_data
