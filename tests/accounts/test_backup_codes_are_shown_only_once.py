"""Backup codes are shown once, on the page that answers the request that made them; that page is not
kept by the browser or any cache, and no later visit shows them again: the two-factor pages then say
only how many are left, and offer to make new ones in place of the old."""

import pytest
from django.test import override_settings

from accounts import two_factor
from tests.support.builders import PASSWORD
from tests.support.two_factor import authenticator_code, codes_on

HOME = "/partnerships/northmere/"
LATER_PAGES = ["/accounts/two-factor/backup-codes/", "/accounts/two-factor/", HOME]


@pytest.fixture
def set_up(client, personas):
    """The lead has just set up two-factor sign-in: the page shown, and the codes on it."""
    client.post(f"/accounts/sign-in/?next={HOME}", {"username": "lead", "password": PASSWORD})
    device = two_factor.pending_authenticator(personas["lead"])
    shown = client.post(f"/accounts/two-factor/set-up/?next={HOME}", {"code": authenticator_code(device)}, follow=True)
    codes = codes_on(shown.content.decode())
    assert len(set(codes)) == 10
    return shown, codes


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_the_page_showing_new_codes_is_not_stored(set_up):
    shown, _ = set_up
    assert "no-store" in shown["Cache-Control"]


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_no_later_visit_shows_the_codes_only_how_many_are_left(client, set_up):
    _, codes = set_up
    for url in LATER_PAGES * 2:
        html = client.get(url).content.decode()
        assert not any(code in html for code in codes), url
    page = client.get("/accounts/two-factor/backup-codes/").content.decode()
    assert "shown only once" in page
    assert "You have 10 backup codes left." in page
    assert 'action="/accounts/two-factor/backup-codes/new/"' in page
    manage = client.get("/accounts/two-factor/").content.decode()
    assert "Backup codes left" in manage and ">10<" in manage


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_making_new_codes_shows_the_new_ones_once_and_the_old_stop_working(client, personas, set_up):
    _, old = set_up
    renewed = client.post("/accounts/two-factor/backup-codes/new/", follow=True)
    assert "no-store" in renewed["Cache-Control"]
    new = codes_on(renewed.content.decode())
    assert len(set(new)) == 10 and not set(new) & set(old)
    for url in LATER_PAGES:
        html = client.get(url).content.decode()
        assert not any(code in html for code in new + old), url
    device = two_factor.backup_codes_device(personas["lead"])
    assert not device.verify_token(old[0])
    device.throttle_reset()
    assert device.verify_token(new[0])
