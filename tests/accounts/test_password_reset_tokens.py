"""Password reset links work once and for one hour (PASSWORD_RESET_TIMEOUT): Django's tokens hash the
password and the last sign-in time, and carry the time they were made."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.support.builders import PASSWORD

NEW_PASSWORD = "reset-passphrase-for-lead-2026"


@pytest.fixture
def lead(personas):
    return personas["lead"]


def reset_link(user, token):
    return f"/accounts/password/reset/{urlsafe_base64_encode(force_bytes(user.pk))}/{token}/"


def later(monkeypatch, minutes):
    now = datetime.datetime.now() + datetime.timedelta(minutes=minutes)
    monkeypatch.setattr(default_token_generator, "_now", lambda: now)


def test_links_last_one_hour_by_default():
    assert settings.PASSWORD_RESET_TIMEOUT == 60 * 60


def test_a_used_token_no_longer_works(client, lead):
    token = default_token_generator.make_token(lead)
    form = client.get(reset_link(lead, token), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    lead.refresh_from_db()
    assert lead.check_password(NEW_PASSWORD)
    assert not default_token_generator.check_token(lead, token)
    assert b"This link has expired or been used" in client.get(reset_link(lead, token), follow=True).content


def test_signing_in_after_asking_spends_the_token(client, lead):
    token = default_token_generator.make_token(lead)
    client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD})
    lead.refresh_from_db()
    assert not default_token_generator.check_token(lead, token)


def test_a_token_works_within_the_hour(monkeypatch, lead):
    token = default_token_generator.make_token(lead)
    later(monkeypatch, 59)
    assert default_token_generator.check_token(lead, token)


def test_a_token_expires_after_the_hour(client, monkeypatch, lead):
    token = default_token_generator.make_token(lead)
    later(monkeypatch, 61)
    assert not default_token_generator.check_token(lead, token)
    page = client.get(reset_link(lead, token), follow=True)
    assert b"This link has expired or been used" in page.content
    lead.refresh_from_db()
    assert lead.check_password(PASSWORD)
