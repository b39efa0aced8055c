"""In a real Chromium: a lead logs evidence with a PDF, meets the form's errors, then reads it back.

The form (with its errors), the detail page (with its history) and the register
(filtered) are checked with axe-core for WCAG 2.2 A and AA and saved as screenshots
under test-artifacts/.
"""

import pytest

from partnerships.models import Evidence
from tests.support.browser import check_page, sign_in
from tests.support.builders import MINIMAL_PDF

pytestmark = pytest.mark.browser


def test_lead_logs_evidence_with_a_pdf(transactional_db, live_server, personas, world, browser_page, tmp_path):
    page = browser_page
    sign_in(page, live_server.url, "lead")
    page.goto(live_server.url + "/partnerships/northmere/evidence/")
    page.get_by_role("heading", name="Evidence", exact=True).wait_for()
    page.get_by_role("button", name="Log evidence").click()
    page.get_by_role("heading", name="Log evidence").wait_for()

    # Sent with nothing filled in: the error summary, and each field's own message.
    page.get_by_role("button", name="Save evidence").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("link", name="Enter a title").is_visible()
    assert page.get_by_role("link", name="Confirm that the evidence does not identify any child or family").is_visible()
    check_page(page, "evidence-01-form-errors")

    pdf = tmp_path / "SARC pathway.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.get_by_label("Title").fill("Health pathway to the sexual assault referral centre")
    page.get_by_label("Summary").fill("The pathway was agreed in March. Where there was no further action, ...")
    page.get_by_label("Strategy or policy").check()
    page.get_by_label("Policy or plan").check()
    page.get_by_label("Northmere Health").check()
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("R6: Health").check()
    page.get_by_label("Web links (optional)").fill("https://example.org/sarc-pathway")
    page.get_by_label("Attachments (optional)").set_input_files(str(pdf))
    page.get_by_label("I confirm this evidence does not identify any child or family").check()
    # The review's language guidance appears as the person types.
    page.get_by_text("no further police action at this time").first.wait_for()
    page.get_by_role("button", name="Save evidence").click()

    page.get_by_text("Evidence logged").wait_for()
    evidence = Evidence.objects.get(title="Health pathway to the sexual assault referral centre")
    assert evidence.attachments.get().original_name == "SARC pathway.pdf"

    # A change and a grade, so the history has something to show.
    page.get_by_role("button", name="Change this evidence").click()
    page.get_by_label("Title").fill("Health pathway to the SARC")
    page.get_by_label("I confirm this evidence does not identify any child or family").check()
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("Evidence changed").wait_for()
    assert page.get_by_role("link", name="SARC pathway.pdf").is_visible()
    assert page.get_by_role("heading", name="History").is_visible()
    check_page(page, "evidence-02-detail-with-history")

    with page.expect_download() as download:
        page.get_by_role("link", name="SARC pathway.pdf").click()
    assert download.value.suggested_filename == "SARC pathway.pdf"

    page.goto(live_server.url + "/partnerships/northmere/evidence/")
    page.get_by_label("Recommendation").select_option("R6")
    page.get_by_label("Agency").select_option(label="Northmere Health")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_text("matching the filters").wait_for()
    assert page.get_by_role("link", name="Health pathway to the SARC").is_visible()
    assert page.get_by_role("link", name="Police strategy discussion audit").count() == 0
    check_page(page, "evidence-03-list-filtered")


def test_scrutineer_grades_and_lead_withdraws(transactional_db, live_server, personas, world, browser_page):
    page = browser_page
    evidence = world["police_evidence"]
    sign_in(page, live_server.url, "scrutineer")
    page.goto(f"{live_server.url}/partnerships/northmere/evidence/{evidence.pk}/")
    page.get_by_label("Documented").check()
    page.get_by_role("button", name="Save grade").click()
    page.get_by_text("Strength saved: Documented").wait_for()
    check_page(page, "evidence-04-detail-graded")

    page.get_by_role("button", name="Withdraw this evidence").click()
    page.get_by_role("button", name="Withdraw evidence").click()
    page.get_by_text("There is a problem").wait_for()
    check_page(page, "evidence-05-withdraw-error")
    page.get_by_label("Why is this evidence being withdrawn?").fill("Logged twice")
    page.get_by_role("button", name="Withdraw evidence").click()
    page.get_by_text("Evidence withdrawn").wait_for()
    check_page(page, "evidence-06-detail-withdrawn")


def test_register_pages(transactional_db, live_server, personas, world, browser_page):
    import datetime

    partnership = world["health_evidence"].partnership
    Evidence.objects.bulk_create(
        Evidence(
            partnership=partnership,
            title=f"Strategy discussion audit, week {n}",
            summary="Health attendance at strategy discussions",
            type=Evidence.Type.AUDIT,
            source=Evidence.Source.AUDIT,
            agency=world["police"],
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=7 * n),
            confirmed_no_identifying_details=True,
            created_by=personas["lead"],
        )
        for n in range(80)
    )
    page = browser_page
    sign_in(page, live_server.url, "contributor")
    page.goto(live_server.url + "/partnerships/northmere/evidence/?q=strategy")
    page.get_by_role("link", name="Page 2").click()
    page.get_by_text("Showing 26 to 50 of 81").wait_for()
    assert page.get_by_label("Search titles and summaries").input_value() == "strategy"
    check_page(page, "evidence-07-list-page-2")
