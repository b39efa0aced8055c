"""In a real Chromium (issue 15): a scrutineer opens the indicators from the overview and adds one of the
partnership's own; a partnership manager enters a value (first a percentage over 100, refused on the form),
then sets a target. axe-core checks every page for WCAG 2.2 A and AA; the screenshots are
test-artifacts/indicators-*.png."""

import pytest

from tests.support.browser import check_page, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_indicators_are_added_recorded_and_targeted(transactional_db, live_server, personas, world, browser_page):
    page, base = browser_page, live_server.url

    sign_in(page, base, "scrutineer")
    page.goto(f"{base}/partnerships/northmere/")
    page.get_by_role("link", name="Indicators").click()
    page.get_by_role("heading", name="Data gaps").wait_for()
    check_page(page, "indicators-01-list")
    page.get_by_role("button", name="Add an indicator").click()  # a link drawn as a button
    page.get_by_role("heading", name="Add an indicator").wait_for()
    page.get_by_role("button", name="Save indicator").click()
    page.get_by_text("Select at least one recommendation the indicator measures").first.wait_for()
    check_page(page, "indicators-02-form-error")
    page.get_by_label("Code").fill("NM-R6-SARC")
    page.get_by_label("Name").fill("Children seen at the sexual assault referral centre within 72 hours")
    page.get_by_label("Definition").fill("Of the children referred after a disclosure of recent abuse, the share seen")
    page.get_by_label("Percentage").check()
    page.get_by_label("Higher is better").check()
    page.get_by_label("Source").fill("Sexual assault referral centre records")
    page.get_by_label("R6: Health").check()
    page.get_by_role("checkbox", name="Health", exact=True).check()
    page.get_by_role("button", name="Save indicator").click()
    page.get_by_role("heading", name="Values").wait_for()
    check_page(page, "indicators-03-detail")
    detail = page.url
    sign_out(page)

    sign_in(page, base, "lead")
    page.goto(detail)
    page.get_by_role("button", name="Add a value").click()
    page.get_by_label("Period").fill("2024-25")
    page.get_by_label("Value (percentage)").fill("120")
    page.get_by_role("button", name="Save value").click()
    page.get_by_text("The value cannot be more than 100 for a percentage").first.wait_for()
    check_page(page, "indicators-04-value-error")
    page.get_by_label("Value (percentage)").fill("64.5")
    page.get_by_role("button", name="Save value").click()
    page.get_by_text("Value for 2024-25 saved.").wait_for()
    page.get_by_role("link", name="Set a target").click()
    page.get_by_label("Target value (percentage)").fill("80")
    page.get_by_label("To reach by (optional)").fill("2026-27")
    check_page(page, "indicators-05-target")
    page.get_by_role("button", name="Save target").click()
    page.get_by_text("80% by 2026-27").first.wait_for()
    check_page(page, "indicators-06-detail-with-value-and-target")
