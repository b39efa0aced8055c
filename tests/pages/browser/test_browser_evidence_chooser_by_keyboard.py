"""In a real Chromium, from the keyboard alone: the lead finds one of 300 evidence items for an action's
evidence of completion, ticks it and saves the action with Enter; then the same without JavaScript,
where Enter in a search box finds and nothing typed is lost. The form is checked with axe-core."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import ActionItem
from tests.support.browser import check_page, sign_in
from tests.support.builders import add_evidence

pytestmark = pytest.mark.browser


def type_date(page, group_name: str, day: datetime.date) -> None:
    page.get_by_role("group", name=group_name).get_by_label("Day").focus()
    for part in (day.day, day.month, day.year):
        page.keyboard.type(str(part))
        page.keyboard.press("Tab")


def fill_the_action(page, description: str) -> None:
    page.get_by_label("What is the action?").focus()
    page.keyboard.type(description)
    page.get_by_label("R1: ").focus()
    page.keyboard.press("Space")
    page.get_by_label("Owner agency").select_option(label="Northmere Police")
    page.get_by_label("Named lead").focus()
    page.keyboard.type("Jo Smith, Designated Nurse")
    type_date(page, "Start date", timezone.localdate())
    type_date(page, "Due date", timezone.localdate() + datetime.timedelta(days=120))


def find_by_keyboard(page, words: str) -> None:
    chooser = page.locator("#completion_evidence-chooser")
    chooser.locator("summary", has_text="Search for other evidence").focus()
    page.keyboard.press("Enter")  # opens the search
    page.keyboard.press("Tab")
    page.keyboard.type(words)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_lead_finds_ticks_and_saves_from_the_keyboard(transactional_db, live_server, personas, world, browser_page):
    add_evidence(world, personas, 300)
    wanted = "Chooser item 237"
    page = browser_page
    sign_in(page, live_server.url, "lead")
    page.goto(live_server.url + "/partnerships/northmere/actions/new/")
    page.get_by_role("heading", name="Create an action").wait_for()
    assert page.locator('input[name="completion_evidence"]').count() == 5
    check_page(page, "evidence-chooser-01-form")

    fill_the_action(page, "Keyboard-only action")
    find_by_keyboard(page, wanted)
    chooser = page.locator("#completion_evidence-chooser")
    chooser.get_by_text("1 item matches this search").wait_for()
    assert page.get_by_label("What is the action?").input_value() == "Keyboard-only action"
    check_page(page, "evidence-chooser-02-found")
    chooser.get_by_label(wanted, exact=True).focus()
    page.keyboard.press("Space")

    page.get_by_label("Named lead").focus()
    page.keyboard.press("Enter")  # the form's own button, not "Find evidence"
    page.get_by_text("Action added to the plan.").wait_for()
    item = ActionItem.objects.get(description="Keyboard-only action")
    assert [evidence.title for evidence in item.completion_evidence.all()] == [wanted]


def test_without_javascript_enter_in_a_search_box_finds_and_keeps_the_form(
    transactional_db, live_server, personas, world, browser_page
):
    add_evidence(world, personas, 40)
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, "lead")
    page.goto(live_server.url + "/partnerships/northmere/actions/new/")
    fill_the_action(page, "Action typed without JavaScript")
    find_by_keyboard(page, "Chooser item 3")
    page.locator("#completion_evidence-chooser").get_by_text("Showing 10 of 11 matching items").wait_for()
    assert page.get_by_label("What is the action?").input_value() == "Action typed without JavaScript"
    assert not ActionItem.objects.filter(description="Action typed without JavaScript").exists()
    page.locator("#completion_evidence-chooser").get_by_label("Chooser item 3", exact=True).check()
    page.get_by_role("button", name="Save action").click()
    page.get_by_text("Action added to the plan.").wait_for()
    item = ActionItem.objects.get(description="Action typed without JavaScript")
    assert [evidence.title for evidence in item.completion_evidence.all()] == ["Chooser item 3"]
    context.close()
