"""Sessions end after 30 minutes without a request, 12 hours after signing in whatever the activity,
and when the browser closes (the cookie has no expiry of its own)."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.sessions import LAST_SEEN, SIGNED_IN_AT
from tests.support.builders import PASSWORD

PAGE = "/partnerships/northmere/"


@pytest.fixture
def signed_in(client, personas):
    client.force_login(personas["lead"])
    return client


def shift(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_limits_are_thirty_minutes_idle_twelve_hours_in_all_and_browser_close():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_MAX_AGE == 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_session_cookie_lasts_only_until_the_browser_closes(client, personas):
    response = client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_the_session_store_expires_a_session_after_thirty_minutes(signed_in):
    expires = Session.objects.get(pk=signed_in.session.session_key).expire_date
    assert abs(expires - (timezone.now() + datetime.timedelta(minutes=30))) < datetime.timedelta(seconds=30)


def test_twenty_nine_idle_minutes_keep_the_session_and_start_the_clock_again(signed_in):
    shift(signed_in, **{LAST_SEEN: 29 * 60})
    assert signed_in.get(PAGE).status_code == 200
    assert time.time() - signed_in.session[LAST_SEEN] < 5
    shift(signed_in, **{LAST_SEEN: 29 * 60})
    assert signed_in.get(PAGE).status_code == 200


def test_thirty_one_idle_minutes_end_the_session_and_say_why(signed_in):
    key = signed_in.session.session_key
    shift(signed_in, **{LAST_SEEN: 31 * 60})
    response = signed_in.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/partnerships/northmere/"
    page = signed_in.get(response["Location"])
    assert b"you did nothing for 30 minutes" in page.content
    assert not Session.objects.filter(pk=key).exists()
    assert signed_in.get(PAGE).status_code == 302


def test_twelve_hours_after_signing_in_the_session_ends_however_busy(signed_in):
    shift(signed_in, **{SIGNED_IN_AT: 12 * 60 * 60 - 60, LAST_SEEN: 10})
    assert signed_in.get(PAGE).status_code == 200
    shift(signed_in, **{SIGNED_IN_AT: 12 * 60 * 60 + 1, LAST_SEEN: 10})
    response = signed_in.get(PAGE, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/sign-in/")
    assert b"you signed in more than 12 hours ago" in response.content


def test_requests_within_a_minute_do_not_rewrite_the_session(signed_in):
    before = signed_in.session[LAST_SEEN]
    response = signed_in.get(PAGE)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert signed_in.session[LAST_SEEN] == before
