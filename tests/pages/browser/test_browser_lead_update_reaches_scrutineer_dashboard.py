"""In a real Chromium: the lead updates an item's status with a progress note; the scrutineer sees the change
on their dashboard and verifies the item. axe-core checks both homes."""

import pytest

from partnerships.models import ActionItem
from tests.support.browser import check_page, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_lead_completes_an_item_and_scrutineer_verifies_it_from_the_dashboard(
    transactional_db, live_server, personas, world, browser_page
):
    page, base = browser_page, live_server.url
    item = world["police_action"]

    sign_in(page, base, "lead")
    check_page(page, "dashboard-01-lead-home")
    page.goto(base + item.get_absolute_url())
    page.get_by_label("Complete", exact=True).check()
    page.get_by_label("Progress note").fill("Single point of contact named and in post.")
    page.get_by_role("button", name="Add progress update").click()
    page.get_by_text("Progress update added").wait_for()
    sign_out(page)

    sign_in(page, base, "scrutineer")
    waiting = page.locator("#awaiting-verification + ul")
    assert "Police single point of contact" in waiting.inner_text()
    check_page(page, "dashboard-02-scrutineer-home")
    waiting.get_by_role("link", name="Police single point of contact").click()
    page.get_by_role("button", name="Verify completion").click()
    page.get_by_role("heading", name="Verify completion").wait_for()
    # The item cites no evidence of completion, so the scrutineer says why they accept it.
    page.get_by_label("Why do you accept the action as done?").fill("Confirmed with the named lead at the board.")
    page.get_by_role("button", name="Verify completion").click()
    page.get_by_text("Completion verified.").wait_for()
    page.goto(base + "/")
    assert page.get_by_text("No completed action is waiting for verification.").is_visible()
    item.refresh_from_db()
    assert item.status == ActionItem.Status.COMPLETE and item.verified_by == personas["scrutineer"]
