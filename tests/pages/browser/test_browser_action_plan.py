"""In a real Chromium: the lead adds an action and marks an item complete with a progress note; the
scrutineer opens the item, reads its evidence of completion on the verification page and verifies it
with a note of why.

The list, the form (with its errors), and the detail page with its timeline, before and
after verification, are checked with axe-core for WCAG 2.2 A and AA and saved as
screenshots under test-artifacts/.
"""

import datetime
import re

import pytest
from django.utils import timezone

from partnerships.models import ActionItem
from tests.support.browser import check_page, sign_in, sign_out

pytestmark = pytest.mark.browser


def fill_date(group, day: datetime.date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_lead_completes_an_item_and_the_scrutineer_verifies_it(
    transactional_db, live_server, personas, world, browser_page
):
    page = browser_page
    base = live_server.url
    plan = base + "/partnerships/northmere/actions/"
    item = world["health_action"]

    # The lead opens the plan and adds an action, meeting the form's errors first.
    sign_in(page, base, "lead")
    page.goto(plan)
    page.get_by_role("heading", name="Action plan", exact=True).wait_for()
    assert page.get_by_role("link", name="Health rota for strategy discussions").is_visible()
    check_page(page, "actions-01-list")

    page.get_by_role("button", name="Create an action").click()
    page.get_by_role("heading", name="Create an action").wait_for()
    check_page(page, "actions-02-form")
    page.get_by_label("What is the action?").fill(
        "Multi-agency training needs assessment. Cases closed as no further action to be sampled."
    )
    page.get_by_text("no further police action at this time").first.wait_for()  # the guidance, as they type
    page.get_by_label("R1: ").check()
    page.get_by_label("Owner agency").select_option(label="Northmere Police")
    page.get_by_role("group", name="Contributing agencies (optional)").get_by_label("Northmere Health").check()
    page.get_by_label("Named lead").fill("DCI Patel, Public Protection")
    # Dates relative to today: the new action must not be overdue on any day the test runs.
    starts = timezone.localdate()
    start, due = page.get_by_role("group", name="Start date"), page.get_by_role("group", name="Due date")
    fill_date(start, starts)
    fill_date(due, starts - datetime.timedelta(days=1))  # before the start: refused
    page.get_by_role("group", name="Evidence of completion (optional)").get_by_label(
        "Police strategy discussion audit", exact=True
    ).check()
    page.get_by_role("button", name="Save action").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="The due date must be the same as or after the start date").is_visible()
    check_page(page, "actions-03-form-errors")

    fill_date(due, starts + datetime.timedelta(days=200))
    page.get_by_role("button", name="Save action").click()
    page.get_by_text("Action added to the plan.").wait_for()
    assert page.get_by_role("link", name="Police strategy discussion audit").is_visible()
    check_page(page, "actions-04-created")

    # The lead marks the health rota complete with a progress note.
    page.goto(base + item.get_absolute_url())
    page.get_by_role("heading", name="Add a progress update").wait_for()
    page.get_by_label("Complete", exact=True).check()
    page.get_by_label("Progress note").fill("Rota in place since 1 May: health attended 18 of 20 strategy discussions.")
    check_page(page, "actions-05-progress-form")
    page.get_by_role("button", name="Add progress update").click()
    page.get_by_text("Progress update added. The status is now complete.").wait_for()
    timeline = page.locator(".app-action-timeline")
    assert re.search(r"On track\s*→\s*to\s*Complete", timeline.locator("li").first.inner_text())
    assert "health attended 18 of 20" in timeline.locator("li").first.inner_text()
    assert page.get_by_role("button", name="Verify completion").count() == 0  # leads do not verify
    item.completion_evidence.add(world["health_evidence"])
    sign_out(page)

    # The scrutineer opens the item and verifies its completion.
    sign_in(page, base, "scrutineer")
    page.goto(base + item.get_absolute_url())
    page.get_by_text("Not yet verified by a scrutineer").wait_for()
    check_page(page, "actions-06-awaiting-verification")
    page.get_by_role("button", name="Verify completion").click()
    page.get_by_role("heading", name="Verify completion").wait_for()
    assert page.locator(".app-verify-evidence").get_by_role("link", name="Health pathway audit").is_visible()
    page.get_by_role("button", name="Verify completion").click()  # without a note: refused
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_role("link", name="Enter what you checked in the evidence of completion").is_visible()
    check_page(page, "actions-06b-verification-page-errors")
    note = "The audit shows health at 18 of 20 strategy discussions since May."
    page.get_by_label("Your verification note").fill(note)
    page.get_by_role("button", name="Verify completion").click()
    page.get_by_text("Completion verified.").wait_for()
    assert page.locator("#verification").get_by_text(note).is_visible()
    item.refresh_from_db()
    assert item.verified_by == personas["scrutineer"]
    on = f"{timezone.localtime(item.verified_at):%-d %B %Y}"
    assert page.locator("#verification").get_by_text(f"Verified by scrutineer on {on}").is_visible()
    assert page.get_by_role("button", name="Verify completion").count() == 0
    check_page(page, "actions-07-verified")

    # The plan shows verified and overdue in words, and the overdue filter works in the browser.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ActionItem.objects.filter(pk=world["police_action"].pk).update(
        start_date=yesterday - datetime.timedelta(days=90), due_date=yesterday
    )
    page.goto(plan)
    row = page.get_by_role("row").filter(has_text="Health rota for strategy discussions")
    assert row.get_by_text("Verified", exact=True).is_visible()
    assert row.get_by_text("Complete", exact=True).is_visible()
    late = page.get_by_role("row").filter(has_text="Police single point of contact")
    assert late.get_by_text("Overdue", exact=True).is_visible()
    check_page(page, "actions-08-list")
    page.get_by_label("Overdue only").check()
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_text("1 action matching the filters").wait_for()
    assert page.get_by_role("link", name="Police single point of contact").is_visible()
    assert page.get_by_role("link", name="Health rota for strategy discussions").count() == 0
    check_page(page, "actions-09-list-overdue")
    assert ActionItem.objects.get(lead_name="DCI Patel, Public Protection").owner_agency == world["police"]
