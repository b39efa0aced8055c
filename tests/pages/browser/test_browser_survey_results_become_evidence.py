"""A scrutineer reads a closed survey round's results in Chromium (counts by agency type, each area's table and
chart, the free text with its agency type only; a small group's answers nowhere) and turns them into evidence in
one step, then finds the round's figures on R5's page. axe-core checks the results and evidence pages for WCAG 2.2
A and AA; the screenshots are test-artifacts/survey-results-*.png."""

import pytest

from partnerships.models import Evidence
from recommendations.models import AgencyType
from tests.support import survey_world
from tests.support.browser import check_page, sign_in

pytestmark = pytest.mark.browser


def test_a_scrutineer_reads_the_results_and_makes_them_evidence(
    transactional_db, live_server, personas, world, health_agency, browser_page
):
    page, base = browser_page, live_server.url
    partnership = health_agency.partnership
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], title="Practitioners' voice, spring", closes_in_days=-1
    )
    survey_world.answers(survey_round, 7, agency_type=AgencyType.HEALTH, confidence={"talking": 5}, trained=True,
                         texts={"PQ1": "We use the <b>child's</b> own words."})  # fmt: skip
    survey_world.answers(survey_round, 6, agency_type=AgencyType.POLICE, confidence={"talking": 2}, trained=False,
                         texts={"PQ1": "We wait until the child tells us."})  # fmt: skip
    survey_world.answers(survey_round, 2, agency_type=AgencyType.PROBATION, texts={"PQ1": "Two of us in probation"})
    survey_world.answers(survey_round, 3, agency_type=AgencyType.EDUCATION, texts={"PQ1": "Three in education"})

    sign_in(page, base, "scrutineer")
    page.goto(f"{base}/partnerships/northmere/surveys/{survey_round.pk}/results/")
    page.get_by_role("heading", name="Results: Practitioners' voice, spring").wait_for()
    table = page.get_by_role("table", name="Answers by agency type")
    assert "Other agencies (combined)" in table.inner_text()
    assert "Fewer than 5 answers" in table.inner_text()
    assert page.get_by_text("We use the <b>child's</b> own words.").count() == 7
    assert page.get_by_text("Two of us in probation").count() == 0
    assert page.get_by_text("Three in education").count() == 0
    talking = page.get_by_role("table", name="Talking to children about sexual abuse", exact=False).first
    assert "7 of 7 (100%)" in talking.inner_text() and "0 of 6 (0%)" in talking.inner_text()
    assert page.locator("svg[role=img]").count() == 5
    check_page(page, "survey-results-01-results")

    page.get_by_role("link", name="Make these results evidence").click()
    page.get_by_role("heading", name="Make the results evidence").wait_for()
    assert "Practitioners" in page.locator(".govuk-summary-list").inner_text()
    check_page(page, "survey-results-02-evidence-confirm")
    page.get_by_role("button", name="Log the evidence").click()
    page.get_by_text("Evidence logged: Practitioners' survey: Practitioners' voice, spring").wait_for()
    check_page(page, "survey-results-03-evidence-logged")
    survey_round.refresh_from_db()
    evidence = survey_round.evidence
    assert (evidence.source, evidence.strength) == (Evidence.Source.PRACTITIONERS, Evidence.Strength.DOCUMENTED)
    assert "Two of us in probation" not in evidence.summary

    page.goto(f"{base}/partnerships/northmere/surveys/{survey_round.pk}/evidence/")
    page.get_by_text("This round's results have been made evidence already").wait_for()
    check_page(page, "survey-results-04-evidence-made-already")

    page.goto(f"{base}/partnerships/northmere/recommendations/R5/")
    section = page.locator("#practitioners-survey + p")
    assert "Not published yet" in section.inner_text()
    check_page(page, "survey-results-05-recommendation")
