"""In a real Chromium: the scrutineer signs in, opens the partnership and reads R3.

Every page visited is checked with axe-core for WCAG 2.2 A and AA, and saved as a
screenshot under test-artifacts/ for people to look at.
"""

import pytest

from tests.support.browser import check_page
from tests.support.builders import PASSWORD

pytestmark = pytest.mark.browser


def test_scrutineer_signs_in_and_reads_r3(transactional_db, live_server, personas, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.url.endswith("/accounts/sign-in/?next=/")
    check_page(page, "01-sign-in")

    page.get_by_label("Username").fill("scrutineer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your partnerships").wait_for()
    check_page(page, "02-home")

    page.get_by_role("link", name="Northmere Partnership").first.click()
    page.get_by_role("heading", name="Northmere Partnership").wait_for()
    assert page.get_by_role("link", name="Enquiries and investigations").is_visible()
    check_page(page, "03-partnership-overview")

    page.get_by_role("link", name="Enquiries and investigations").click()
    page.get_by_role("heading", name="Enquiries and investigations").wait_for()
    assert page.get_by_text("The term 'no further police action at this time' is more appropriate.").is_visible()
    check_page(page, "04-recommendation-r3")


def test_sign_in_error_is_accessible(transactional_db, live_server, personas, browser_page):
    page = browser_page
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("scrutineer")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("There is a problem").wait_for()
    check_page(page, "05-sign-in-error")
