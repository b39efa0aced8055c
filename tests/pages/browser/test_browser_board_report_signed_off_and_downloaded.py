"""In a real Chromium (issue 14): a scrutineer writes the board summary, publishes the review, builds its
final report and offers it for sign-off; the three lead safeguarding partners each sign it off from their
home page; a viewer then downloads the PDF and the Word edition, and both hold the scrutineer's opinion.

Every new page is checked with axe-core for WCAG 2.2 A and AA, and saved as a screenshot under
test-artifacts/ (board-report-*.png): the board summary form, also with an error, the report page before
the offer, after it and after the third sign-off, a partner's home page with the reports awaiting them, and
the decision page, also with an error.

Reports are built in process, whether or not REDIS_URL is set (CI's worker would otherwise take them): the
page is the point here, as in test_browser_report.py. Dates are relative to today.
"""

import io
import re

import pytest
from django.core import mail
from django.utils import dateformat, timezone

from scrutiny.models import Report, SignOff
from scrutiny.tasks import build_report_task
from tests.support.browser import check_page, sign_in, sign_out
from tests.support.builders import in_days, lead_safeguarding_partners

pytestmark = pytest.mark.browser

OPINION = (
    "Partners have strengthened how health takes part in strategy discussions, and the audits show it. "
    "Reasonable assurance overall, with limited assurance on how children's views shape plans."
)
OPINION_WORDS = "Reasonable assurance overall, with limited assurance"
ASKS = "The board is asked to note the opinion and to agree the three priorities below."
PRIORITIES = "Hear from children in every audit. Finish the health rota. Review the police single point of contact."


def _flat(text: str) -> str:
    """Text with every run of white space as one space: PDF and Word lines break where they break."""
    return " ".join(text.split())


def test_board_report_is_signed_off_by_the_three_partners_and_downloaded(
    transactional_db, live_server, personas, world, browser_page, sign_off_notices_in_process, monkeypatch
):
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: build_report_task.apply(args=args))
    review = world["review"]
    partners = lead_safeguarding_partners(review.partnership)
    page = browser_page
    base = live_server.url
    review_url = f"{base}/partnerships/northmere/reviews/{review.pk}/"
    meeting = in_days(40)

    # The scrutineer writes the board summary: first with a date that does not exist.
    sign_in(page, base, "scrutineer")
    page.goto(review_url)
    page.get_by_role("link", name="Write the board summary").click()
    page.get_by_role("heading", name="Board summary", exact=True).wait_for()
    check_page(page, "board-report-01-board-summary-form")

    page.get_by_label("Overall assurance opinion").fill(OPINION)
    page.get_by_label("What the board is asked to note or decide").fill(ASKS)
    page.get_by_label("Priorities for the next period").fill(PRIORITIES)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill(str(meeting.year))
    page.get_by_role("button", name="Save the board summary").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_label("Overall assurance opinion").input_value() == OPINION
    check_page(page, "board-report-02-board-summary-error")

    page.get_by_label("Day").fill(str(meeting.day))
    page.get_by_label("Month").fill(str(meeting.month))
    page.get_by_label("Year").fill(str(meeting.year))
    page.get_by_role("button", name="Save the board summary").click()
    page.get_by_text("Board summary saved.").wait_for()
    # On the review's page (and in its history).
    assert page.get_by_text(OPINION).first.is_visible()
    assert page.get_by_text(dateformat.format(meeting, "j F Y")).first.is_visible()

    # Publishing asks for confirmation; then the final report is built (in the request, here).
    page.get_by_role("button", name="Publish this review").first.click()
    page.get_by_role("heading", name=f"Publish {review.title}?").wait_for()
    page.get_by_role("button", name="Publish this review").click()
    page.get_by_text("is published. You can now build its final report.").wait_for()
    page.get_by_role("button", name="Build a final report").click()
    page.get_by_role("heading", name=f"Final report on {review.title}").wait_for()
    page.get_by_role("button", name="Download the report").wait_for(timeout=30_000)
    report = Report.objects.get()
    assert report.is_final and report.status == Report.Status.READY
    assert page.get_by_text("This version has not been offered for sign-off.").is_visible()
    for partner in partners.values():
        assert page.get_by_role("cell", name=f"{partner.name}, {partner.job_title}", exact=False).is_visible()
    check_page(page, "board-report-03-report-before-offer")

    page.get_by_role("button", name="Offer for sign-off").click()
    page.get_by_text("The report is offered for sign-off. The three lead safeguarding partners are emailed.").wait_for()
    assert page.get_by_text("Awaiting sign-off").is_visible()
    assert page.get_by_text("0 of 3 signed").is_visible()
    assert page.get_by_role("button", name="Offer for sign-off").count() == 0
    check_page(page, "board-report-04-report-offered")
    asked = {address for message in mail.outbox for address in message.to}
    assert {partner.email for partner in partners.values()} <= asked
    sign_out(page)

    # Each partner finds the report on their home page and signs it off; the first also tries to return it
    # without saying why.
    report_url = base + report.get_absolute_url()
    for number, partner in enumerate(partners.values(), start=1):
        user = partner.membership.user
        sign_in(page, base, user.username)
        page.get_by_role("heading", name="Reports awaiting your sign-off").wait_for()
        link = page.get_by_role("link", name=f"Final report on {review.title}, version {report.number}")
        if number == 1:
            check_page(page, "board-report-05-partner-home-awaiting")
        link.click()
        page.get_by_role("heading", name=f"Sign off the final report on {review.title}").wait_for()
        decides_as = f"{partner.name}, {partner.job_title}"
        if partner.is_delegate:
            decides_as += f" (delegate of {partner.holder})"
        assert page.get_by_text(f"{decides_as}, for the {partner.get_organisation_display().lower()}").is_visible()
        if number == 1:
            check_page(page, "board-report-06-decision-page")
            page.get_by_label("Return with a comment").check()
            page.get_by_role("button", name="Record your decision").click()
            page.get_by_text("There is a problem").wait_for()
            assert page.get_by_role(
                "link", name="Enter a comment saying what must change before you can sign off the report"
            ).is_visible()
            check_page(page, "board-report-07-decision-page-error")
        page.get_by_label("Sign off", exact=True).check()
        page.get_by_role("button", name="Record your decision").click()
        page.get_by_text("Your decision is recorded: signed off.").wait_for()
        assert page.get_by_role("link", name="Sign off or return this report").count() == 0
        # Decided: the report leaves their list.
        page.goto(base + "/")
        page.get_by_role("heading", name="Your partnerships").wait_for()
        assert page.get_by_role("heading", name="Reports awaiting your sign-off").count() == 0
        sign_out(page)

    # The viewer reads who signed, and when, and downloads both editions.
    sign_in(page, base, "viewer")
    page.goto(report_url)
    page.get_by_role("heading", name=f"Final report on {review.title}").wait_for()
    assert page.get_by_text("Signed off by all three").is_visible()
    decisions = SignOff.objects.filter(report=report).select_related("partner")
    assert len(decisions) == 3 and {d.decision for d in decisions} == {SignOff.Decision.SIGNED}
    panel = _flat(page.locator("table.app-sign-off").inner_text())
    for decision in decisions:
        when = dateformat.format(timezone.localtime(decision.at), "j F Y, H:i")
        assert re.search(re.escape(decision.name) + r".*?Signed off\s*" + re.escape(when), panel), panel
    assert page.get_by_role("button", name="Offer for sign-off").count() == 0
    assert page.get_by_role("link", name="Sign off or return this report").count() == 0
    check_page(page, "board-report-08-report-signed-off")

    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download the report").click()
    pdf = pdf_download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    pdf_text = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert OPINION_WORDS in pdf_text

    with page.expect_download() as docx_download:
        page.get_by_role("button", name="Download the Word edition").click()
    assert docx_download.value.suggested_filename.endswith(".docx")
    from docx import Document

    document = Document(io.BytesIO(docx_download.value.path().read_bytes()))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    docx_text = _flat(" ".join([*(p.text for p in document.paragraphs), *cells]))
    assert OPINION_WORDS in docx_text
