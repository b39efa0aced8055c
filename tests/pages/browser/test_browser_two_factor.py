"""In a real Chromium, with two-factor sign-in required: a lead signs in with their password, sets up
an authenticator from the QR page (the code worked out as the app would), keeps the backup codes,
signs out, and signs in again with a backup code. Each page is checked with axe-core."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.browser import check_page, sign_out
from tests.support.builders import PASSWORD
from tests.support.two_factor import authenticator_code

pytestmark = pytest.mark.browser


def sign_in_with_password(page, base):
    page.goto(base + "/partnerships/northmere/")
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_lead_sets_up_two_factor_and_signs_in_with_a_backup_code(
    transactional_db, live_server, personas, browser_page, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    page = browser_page
    base = live_server.url

    page.goto(base + "/accounts/sign-in/")
    assert page.get_by_text("Two-factor sign-in is turned off").count() == 0
    check_page(page, "two-factor-01-sign-in")

    sign_in_with_password(page, base)
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    assert page.get_by_role("img", name="QR code to add this service to your authenticator app").is_visible()
    check_page(page, "two-factor-02-set-up")

    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_role("link", name="Enter the code").is_visible()
    check_page(page, "two-factor-03-set-up-error")

    device = TOTPDevice.objects.get(user=personas["lead"])
    assert page.locator("#manual-key").inner_text().replace(" ", "") in device.config_url
    page.get_by_label("Code from your authenticator app").fill(authenticator_code(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name="Your backup codes").wait_for()
    codes = page.get_by_role("list", name="Backup codes").inner_text().split()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    check_page(page, "two-factor-04-backup-codes")

    page.get_by_role("link", name="Continue").click()
    page.get_by_role("heading", name="Northmere Partnership").first.wait_for()
    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_text("Backup codes left").wait_for()
    check_page(page, "two-factor-05-manage")
    sign_out(page)

    sign_in_with_password(page, base)
    page.get_by_role("heading", name="Enter your code").wait_for()
    check_page(page, "two-factor-06-enter-code")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Northmere Partnership").first.wait_for()
    assert page.url == base + "/partnerships/northmere/"
