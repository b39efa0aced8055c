"""In a real Chromium: a round's results page (to a scrutineer, with the gap and the re-audit; to a viewer,
without the gap) and the recommendation page's case audit summary; axe-core finds no WCAG 2.2 A or AA
violation; the screenshots are test-artifacts/audit-results-*.png."""

import pytest

from tests.support import audit_world
from tests.support.browser import check_page, sign_in, sign_out
from tests.support.builders import in_days

pytestmark = pytest.mark.browser


def test_results_and_recommendation_pages(transactional_db, live_server, personas, world, health_agency, browser_page):
    page, base = browser_page, live_server.url
    lead, police = personas["lead"], world["police"]
    audit_world.moderated_round(
        health_agency.partnership,
        lead,
        [health_agency, police],
        [{"childs_voice": "inadequate"}, {"support": "requires_improvement"}, {}, {"recognition": "outstanding"}],
        title="First audit",
        period_start=in_days(-600),
        period_end=in_days(-450),
        published=True,
    )
    now = audit_world.moderated_round(
        health_agency.partnership,
        lead,
        [health_agency, police],
        [{"childs_voice": "requires_improvement"}, {"childs_voice": "inadequate", "support": "good"}, {}],
        title="Re-audit <b>2026</b>",
        published=True,
    )
    audit_world.case(now, lead, "MACA-09")
    url = f"{base}/partnerships/northmere/audits/{now.pk}/results/"

    sign_in(page, base, "scrutineer")
    page.goto(url)
    page.get_by_role("heading", name="Agencies' own grades against the agreed ones").wait_for()
    assert page.get_by_role("img", name="Agreed grades by domain").count() == 1
    check_page(page, "audit-results-1-scrutineer")
    page.goto(f"{base}/partnerships/northmere/recommendations/R5/")
    page.get_by_role("heading", name="Multi-agency case audit").wait_for()
    check_page(page, "audit-results-2-recommendation")
    sign_out(page)

    sign_in(page, base, "viewer")
    page.goto(url)
    page.get_by_role("heading", name="Against the earlier round").wait_for()
    assert page.get_by_role("heading", name="Agencies' own grades against the agreed ones").count() == 0
    check_page(page, "audit-results-3-viewer")
