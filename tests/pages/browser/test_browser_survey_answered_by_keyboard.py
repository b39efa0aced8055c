"""In a real Chromium, from the keyboard alone (focus moves, Space, arrow keys, typing, Enter; no clicks), an
anonymous practitioner opens their agency's link, sends their answers without saying their agency type, is shown
the error, follows the summary's link to the question, answers it and is thanked. axe-core finds no WCAG 2.2 A/AA
violation on the form, the error state or the thanks page."""

import pytest

from surveys.models import AreaAnswer, SurveyResponse, TextAnswer
from tests.support import survey_world
from tests.support.browser import check_page

pytestmark = pytest.mark.browser


def press(page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


def test_an_anonymous_practitioner_answers_with_the_keyboard(
    transactional_db, live_server, personas, partnership, health_agency, browser_page
):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    page = browser_page
    page.goto(f"{live_server.url}/answer/{link.token}/")
    page.get_by_role("heading", name=survey_round.title).wait_for()
    check_page(page, "survey-answer-01-form")

    page.locator("#id_role_band_1").focus()
    press(page, "Space")  # Frontline practitioner
    for area in survey_round.template.areas.all():
        page.locator(f"#id_confidence_{area.code}_1").focus()
        press(page, "ArrowDown", 3)  # from "Not at all confident" to "Confident"
        page.locator(f"#id_trained_{area.code}_1").focus()
        press(page, "Space")  # Yes
    page.get_by_label("1. What are the key lessons").focus()
    page.keyboard.type("Talk to children on their own, in words they use.")
    page.get_by_role("button", name="Send your answers").focus()
    press(page, "Enter")

    summary = page.locator(".govuk-error-summary")
    summary.get_by_role("link", name="Select the type of agency you work for").wait_for()
    assert SurveyResponse.objects.count() == 0
    assert page.locator("#id_role_band_1").is_checked(), "what was chosen is kept"
    assert page.get_by_label("1. What are the key lessons").input_value().startswith("Talk to children")
    check_page(page, "survey-answer-02-error")

    summary.get_by_role("link", name="Select the type of agency you work for").focus()
    press(page, "Enter")  # to the question
    assert page.evaluate("document.activeElement.id") == "id_agency_type_1"
    press(page, "ArrowDown", 2)  # from Police to Health
    page.get_by_role("button", name="Send your answers").focus()
    press(page, "Enter")

    page.get_by_role("heading", name="Thank you for answering").wait_for()
    check_page(page, "survey-answer-03-thanks")
    response = SurveyResponse.objects.get()
    assert (response.agency_type, response.role_band) == ("health", "frontline")
    assert set(AreaAnswer.objects.values_list("confidence", "trained")) == {(4, True)}
    assert list(TextAnswer.objects.values_list("text", flat=True)) == [
        "Talk to children on their own, in words they use."
    ]
