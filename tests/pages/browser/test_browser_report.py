"""In a real Chromium: the scrutineer publishes the review (confirming who will read what), asks for
the final report, watches it progress to ready, downloads it.

The broker is replaced by a recorder (so the report waits, visibly queued), and the test thread
then runs the real task in-process (`build_report_task.apply`, the real WeasyPrint builder), while
the page refreshes itself. The path through a real worker and Redis is in
tests/scrutiny/test_report_reliability_worker.py; here the page's behaviour is the point, and this is
reliable with or without REDIS_URL.
"""

import io

import pytest

from scrutiny.models import Report
from scrutiny.tasks import build_report_task
from tests.support.browser import check_page, sign_in

pytestmark = pytest.mark.browser


def test_scrutineer_requests_watches_and_downloads_a_report(
    transactional_db, live_server, personas, world, browser_page, monkeypatch
):
    sent = []
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: sent.append(args[0]))
    page = browser_page
    sign_in(page, live_server.url, "scrutineer")
    page.goto(f"{live_server.url}/partnerships/northmere/reviews/{world['review'].pk}/")
    page.get_by_role("heading", name="Reports").wait_for()
    check_page(page, "report-01-review-page")
    # Not offered before the review is published: publishing comes first, and asks for confirmation.
    assert page.get_by_role("button", name="Build a final report").count() == 0
    page.get_by_role("button", name="Publish this review").first.click()
    page.get_by_role("heading", name="Publish Review 2026?").wait_for()
    assert page.get_by_text("Who will then be able to read what").is_visible()
    check_page(page, "report-01b-publish-confirmation")
    page.get_by_role("button", name="Publish this review").click()
    page.get_by_text("is published. You can now build its final report.").wait_for()
    page.get_by_role("button", name="Build a final report").click()

    page.get_by_role("heading", name="Final report on Review 2026").wait_for()
    assert page.get_by_text("Queued", exact=True).is_visible()
    check_page(page, "report-02-queued")
    report = Report.objects.get()
    assert sent == [str(report.pk)]

    # The worker's part, run here: the page, refreshing itself, shows the report ready.
    build_report_task.apply(args=[str(report.pk)])
    page.get_by_role("button", name="Download the report").wait_for(timeout=30_000)
    assert page.get_by_text("Ready", exact=True).is_visible()
    report.refresh_from_db()
    assert page.get_by_text(report.sha256).is_visible()
    check_page(page, "report-03-ready")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the report").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-")
    from pypdf import PdfReader

    first_page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Northmere Partnership" in first_page

    # Back on the review page it is listed with its SHA-256.
    page.goto(f"{live_server.url}/partnerships/northmere/reviews/{world['review'].pk}/")
    assert page.get_by_text(report.sha256).is_visible()
