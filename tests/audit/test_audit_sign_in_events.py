"""Sign-ins, failed sign-ins and sign-outs are recorded: who, when, from where; never the password."""

import datetime

import pytest
from django.contrib.auth.signals import user_login_failed

from audit.models import AccessEvent
from tests.support.builders import PASSWORD

SIGN_IN = "/accounts/sign-in/"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (audit test)", "REMOTE_ADDR": "198.51.100.7"}


def only_event():
    (event,) = AccessEvent.objects.all()
    return event


@pytest.fixture
def lead(personas):
    return personas["lead"]


def test_sign_in_is_recorded_with_person_time_address_and_browser(client, lead):
    before = datetime.datetime.now(datetime.UTC)
    response = client.post(SIGN_IN, {"username": "lead", "password": PASSWORD}, **BROWSER)
    assert response.status_code == 302
    event = only_event()
    assert event.kind == AccessEvent.Kind.SIGNED_IN
    assert (event.user, event.username) == (lead, "lead")
    assert event.ip_address == "198.51.100.7"
    assert event.user_agent == "Mozilla/5.0 (audit test)"
    assert event.path == SIGN_IN
    assert event.at.utcoffset() == datetime.timedelta(0)
    assert before <= event.at <= datetime.datetime.now(datetime.UTC)


def test_wrong_password_is_recorded_as_failed_with_the_name_typed(client, lead):
    client.post(SIGN_IN, {"username": "lead", "password": "not-the-password"}, **BROWSER)
    event = only_event()
    assert event.kind == AccessEvent.Kind.SIGN_IN_FAILED
    assert (event.user, event.username) == (None, "lead")
    assert event.ip_address == "198.51.100.7"


def test_unknown_account_is_recorded_as_failed_with_the_name_typed(client, lead):
    client.post(SIGN_IN, {"username": "nobody-here", "password": "whatever-it-is"}, **BROWSER)
    event = only_event()
    assert (event.kind, event.user, event.username) == (AccessEvent.Kind.SIGN_IN_FAILED, None, "nobody-here")


def test_sign_out_is_recorded(client, lead):
    client.post(SIGN_IN, {"username": "lead", "password": PASSWORD}, **BROWSER)
    client.post("/accounts/sign-out/", **BROWSER)
    signed_out = AccessEvent.objects.get(kind=AccessEvent.Kind.SIGNED_OUT)
    assert (signed_out.user, signed_out.username, signed_out.ip_address) == (lead, "lead", "198.51.100.7")


def test_a_deleted_person_keeps_their_name_in_the_record(client, lead):
    client.post(SIGN_IN, {"username": "lead", "password": PASSWORD}, **BROWSER)
    lead.memberships.all().delete()
    lead.delete()
    event = only_event()
    assert (event.user, event.username) == (None, "lead")


def test_a_name_too_long_or_with_nul_is_recorded_trimmed(rf, lead):
    # The sign-in form refuses such names before authenticating; other callers of authenticate() may not.
    request = rf.post(SIGN_IN, **BROWSER)
    user_login_failed.send("test", credentials={"username": "x\x00" + "y" * 400}, request=request)
    event = only_event()
    assert event.username == "x" + "y" * 149


def test_a_lock_out_is_recorded_after_the_failures_that_led_to_it(client, lead, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(SIGN_IN, {"username": "lead", "password": "not-the-password"}, **BROWSER)
    assert client.post(SIGN_IN, {"username": "lead", "password": PASSWORD}, **BROWSER).status_code == 429
    kinds = [event.kind for event in AccessEvent.objects.order_by("pk")]
    assert kinds.count(AccessEvent.Kind.SIGN_IN_FAILED) == 4  # the locked-out try with the right password too
    assert AccessEvent.Kind.LOCKED_OUT in kinds
    assert AccessEvent.Kind.SIGNED_IN not in kinds
    locked = AccessEvent.objects.filter(kind=AccessEvent.Kind.LOCKED_OUT).first()
    assert (locked.username, locked.ip_address) == ("lead", "198.51.100.7")
