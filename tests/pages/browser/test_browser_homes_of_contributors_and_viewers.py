"""In a real Chromium: an agency contributor's home lists their agency's actions due or overdue and the
challenges addressed to it; a viewer's lists the latest published judgements and the final report. Both
pages are checked with axe-core for WCAG 2.2 A and AA and saved as screenshots under test-artifacts/."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import ActionItem
from recommendations.models import Recommendation
from scrutiny.models import Challenge, Judgement, Report, Review
from tests.support.browser import check_page, sign_in, sign_out
from tests.support.builders import in_days

pytestmark = pytest.mark.browser


def test_contributor_and_viewer_find_their_work_on_their_home(
    transactional_db, live_server, personas, world, partnership, browser_page
):
    page = browser_page
    base = live_server.url
    ActionItem.objects.filter(pk=world["health_action"].pk).update(due_date=in_days(-4))
    Challenge.objects.filter(pk=world["health_challenge"].pk).update(response_due=in_days(6))
    review = Review.objects.create(
        partnership=partnership,
        title="Review 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=Review.Status.PUBLISHED,
    )
    for code, level in (("R1", "reasonable"), ("R3", "limited"), ("R6", "none")):
        recommendation = Recommendation.objects.get(framework=partnership.framework, code=code)
        Judgement.objects.create(review=review, recommendation=recommendation, level=level, rationale="Audited")
    Report.objects.create(
        review=review,
        kind=Report.Kind.FINAL,
        requested_by=personas["scrutineer"],
        status=Report.Status.READY,
        file="reports/board.pdf",
        sha256="a" * 64,
        pages=14,
        finished_at=timezone.now(),
    )

    sign_in(page, base, "contributor")
    actions = page.locator("#agency-actions + table")
    assert actions.get_by_role("link", name="Health rota for strategy discussions").is_visible()
    assert actions.get_by_text("Overdue", exact=True).is_visible()
    assert page.get_by_role("link", name="Where is health?").is_visible()
    assert page.get_by_role("link", name="Where is police?").count() == 0
    check_page(page, "home-contributor")
    sign_out(page)

    sign_in(page, base, "viewer")
    row = page.locator("#published-assurance ~ div table").get_by_role("row").filter(has_text="Northmere")
    assert row.get_by_text("Review 2025").is_visible()
    assert row.get_by_text("Reasonable assurance").is_visible() and row.get_by_text("No assurance").is_visible()
    page.get_by_role("link", name="Final report: Review 2025").click()
    page.wait_for_url("**/reports/**")
    page.go_back()
    page.get_by_role("heading", name="Your partnerships").wait_for()
    check_page(page, "home-viewer")
