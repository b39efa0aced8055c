"""In a real Chromium (issue 14, item 6): a scrutineer opens the yearly statements from the overview, writes
one (first with a start that does not exist), builds its final statement, and a viewer downloads it. axe-core
checks every new page for WCAG 2.2 A and AA; the screenshots are test-artifacts/statement-*.png. Reports are
built in process, whether or not REDIS_URL is set, as in test_browser_report.py."""

import pytest

from scrutiny.models import Report
from scrutiny.tasks import build_report_task
from tests.support.browser import check_page, sign_in, sign_out

pytestmark = pytest.mark.browser

STATEMENT = "The partnership has acted on every recommendation; health's part in strategy discussions lags."


def test_a_statement_is_written_built_and_read(
    transactional_db, live_server, personas, world, browser_page, monkeypatch
):
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: build_report_task.apply(args=args))
    review = world["review"]
    review.status = review.Status.PUBLISHED
    review.save()
    page, base = browser_page, live_server.url

    sign_in(page, base, "scrutineer")
    page.goto(f"{base}/partnerships/northmere/")
    page.get_by_role("link", name="Yearly statements").click()
    page.get_by_role("heading", name="Yearly statements").wait_for()
    check_page(page, "statement-01-list-empty")
    page.get_by_role("button", name="New yearly statement").click()  # a link drawn as a button
    page.get_by_role("heading", name="New yearly statement").wait_for()
    check_page(page, "statement-02-form")

    start = review.period_start
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill(str(start.year))
    page.get_by_label("Overall statement").fill(STATEMENT)
    page.get_by_role("button", name="Save the statement").click()
    page.get_by_text("Start of the twelve months must be a real date").first.wait_for()
    check_page(page, "statement-03-form-error")

    page.get_by_label("Day").fill(str(start.day))
    page.get_by_label("Month").fill(str(start.month))
    page.get_by_role("button", name="Save the statement").click()
    page.get_by_role("heading", name="Reports").wait_for()
    assert page.get_by_role("link", name=review.title).is_visible()  # the review it covers
    check_page(page, "statement-04-detail")

    page.get_by_role("button", name="Build a final report").click()
    page.get_by_text("Ready").first.wait_for()
    check_page(page, "statement-05-report")
    report = Report.objects.get(statement__isnull=False, kind="final")
    assert report.status == Report.Status.READY and report.docx_file
    sign_out(page)

    sign_in(page, base, "viewer")
    page.goto(f"{base}{report.statement.get_absolute_url()}")
    assert page.get_by_text(STATEMENT).is_visible()
    assert page.get_by_role("button", name="Build a final report").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the final report").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    check_page(page, "statement-06-viewer")
