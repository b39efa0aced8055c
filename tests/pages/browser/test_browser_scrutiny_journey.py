"""In a real Chromium, the scrutineer's day: log evidence with a PDF, judge R6, raise a challenge;
the lead answers it; the scrutineer accepts it. Every page is checked with axe-core (WCAG 2.2 A/AA)."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import Evidence
from scrutiny.models import Challenge, Judgement, QuestionResponse
from tests.support.browser import check_page, sign_in, sign_out
from tests.support.builders import MINIMAL_PDF

pytestmark = pytest.mark.browser


def fill_date(page, day):
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


def test_scrutineer_judges_and_challenges_and_lead_answers(
    transactional_db, live_server, personas, world, browser_page, tmp_path
):
    page, base = browser_page, live_server.url
    review = world["review"]

    sign_in(page, base, "scrutineer")
    page.get_by_role("link", name="Northmere Partnership").first.click()
    page.get_by_role("heading", name="Recommendations to safeguarding partners").wait_for()
    check_page(page, "journey-01-overview")

    page.get_by_role("link", name="Reviews", exact=True).click()
    page.get_by_role("heading", name="Reviews").wait_for()
    check_page(page, "journey-02-reviews")
    page.get_by_role("button", name="Start a review").click()
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("There is a problem").wait_for()
    check_page(page, "journey-03-review-form-errors")

    # Evidence for R6, from the recommendation page.
    page.goto(base + "/partnerships/northmere/recommendations/R6/")
    check_page(page, "journey-04-recommendation-r6")
    page.get_by_role("link", name="Log evidence for R6").click()
    pdf = tmp_path / "youth-forum.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.get_by_label("Title").fill("Youth forum feedback on health assessments")
    page.get_by_label("Summary").fill("Young people said the health assessment was explained well.")
    page.get_by_label("Feedback or consultation record").check()
    page.get_by_label("Children and families, in their own words").check()
    page.get_by_label("Northmere Health").check()
    fill_date(page, datetime.date(2026, 6, 10))
    page.get_by_label("Attachments (optional)").set_input_files(str(pdf))
    page.get_by_label("I confirm this evidence does not identify any child or family").check()
    page.get_by_role("button", name="Save evidence").click()
    page.get_by_text("Evidence logged").wait_for()
    evidence = Evidence.objects.get(title="Youth forum feedback on health assessments")
    assert evidence.attachments.count() == 1

    # The judgement on R6, with the language guidance as the scrutineer types.
    page.goto(base + f"/partnerships/northmere/reviews/{review.pk}/judgements/R6/")
    page.get_by_role("heading", name="Record the judgement").wait_for()
    check_page(page, "journey-05-judgement-form")
    page.get_by_label("Substantial assurance").check()
    page.get_by_label("Rationale").fill("Cases closed as NFA were followed up with support.")
    page.get_by_text("Instead of “NFA”").first.wait_for()
    page.get_by_label("Youth forum feedback on health assessments").check()
    page.get_by_role("button", name="Save judgement").click()
    page.get_by_text("Saved.").wait_for()
    assert page.get_by_text("Substantial assurance rests on 1 kind of source").is_visible()
    check_page(page, "journey-06-judgement-saved")
    judgement = Judgement.objects.get(review=review, recommendation__code="R6")
    assert judgement.level == "substantial" and list(judgement.evidence.all()) == [evidence]

    page.goto(base + f"/partnerships/northmere/reviews/{review.pk}/questions/SQ9/")
    page.get_by_label("The partnership's response").fill("The pathway is published.")
    page.get_by_role("button", name="Save response").click()
    page.get_by_text("Saved.").wait_for()
    check_page(page, "journey-07-question-response")
    assert QuestionResponse.objects.get(review=review, question__code="SQ9").partnership_response

    page.goto(base + f"/partnerships/northmere/reviews/{review.pk}/")
    check_page(page, "journey-08-review-detail")

    # A challenge to the partnership as a whole, from the recommendation page.
    page.goto(base + "/partnerships/northmere/recommendations/R6/")
    page.get_by_role("link", name="Raise a challenge on R6").click()
    page.get_by_label("Your challenge").fill("Show how children wait less for therapy.")
    fill_date(page, timezone.localdate() + datetime.timedelta(days=14))
    page.get_by_role("button", name="Raise challenge").click()
    page.get_by_text("Challenge raised").wait_for()
    challenge = Challenge.objects.get(text="Show how children wait less for therapy.")
    assert [r.code for r in challenge.recommendations.all()] == ["R6"]
    sign_out(page)

    sign_in(page, base, "lead")
    page.goto(base + challenge.get_absolute_url())
    page.get_by_label("Your response").fill("A new therapy service starts in January; waits will be reported monthly.")
    page.get_by_role("button", name="Send response").click()
    page.get_by_text("Response sent.").wait_for()
    sign_out(page)

    sign_in(page, base, "scrutineer")
    page.goto(base + challenge.get_absolute_url())
    page.get_by_role("button", name="Accept response").click()
    page.get_by_text("Response accepted").wait_for()
    check_page(page, "journey-09-challenge-accepted")
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.ACCEPTED
