"""In a real Chromium: the 403, 404 and 500 pages are in the service's layout, pass axe-core (WCAG 2.2 A and AA)
and raise no Content Security Policy violation. Screenshots land in test-artifacts/."""

import pytest
from django.urls import path

from project import urls as project_urls
from tests.support.browser import RECORD_VIOLATIONS, check_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.urls(__name__)]


def fail(request):
    raise RuntimeError("a fault in a view, to show the 500 page")


# This module is the URL configuration for its tests: the project's, plus an address that fails.
urlpatterns = [*project_urls.urlpatterns, path("test-only/fail/", fail)]
handler500 = project_urls.handler500


def visit(page, url: str, status: int, heading: str, name: str):
    response = page.goto(url)
    assert response.status == status, url
    policy = response.headers["content-security-policy"]
    # The 500 page has no request to take a nonce from: its one script is our own static file ('self').
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy
    page.wait_for_load_state("load")
    page.get_by_role("heading", level=1, name=heading).wait_for()
    assert page.get_by_role("link", name="give your feedback").is_visible()
    assert page.evaluate("window.cspViolations") == [], url
    check_page(page, name)


def test_error_pages_are_accessible_under_the_policy(transactional_db, live_server, world, browser_page):
    page = browser_page
    page.add_init_script(RECORD_VIOLATIONS)
    base = live_server.url

    visit(page, base + "/no-such-page/", 404, "Page not found", "error-404-signed-out")
    visit(page, base + "/test-only/fail/", 500, "Sorry, there is a problem with the service", "error-500")

    sign_in(page, base, "viewer")
    evidence = f"{base}/partnerships/northmere/evidence/{world['health_evidence'].pk}/"
    visit(page, evidence, 403, "You do not have permission to view this page", "error-403-viewer")
    visit(page, base + "/partnerships/castlebrook/", 404, "Page not found", "error-404-other-partnership")
