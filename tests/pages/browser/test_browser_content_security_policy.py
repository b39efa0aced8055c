"""In a real Chromium, with the Content Security Policy enforced: the main pages raise no violation and
GOV.UK Frontend's JavaScript and our own still run (they are static files carrying the page's nonce)."""

import pytest

from tests.support.browser import RECORD_VIOLATIONS, check_page, sign_in

pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = ["/accounts/sign-in/", "/accessibility/"]
SCRUTINEER_PAGES = [
    "/",
    "/partnerships/northmere/",
    "/partnerships/northmere/recommendations/R6/",
    "/partnerships/northmere/agencies/",
    "/partnerships/northmere/evidence/?recommendation=R6",
    "/partnerships/northmere/evidence/{health_evidence}/",
    "/partnerships/northmere/reviews/{review}/",
    "/partnerships/northmere/reviews/{review}/judgements/R6/",
    "/partnerships/northmere/challenges/",
    "/partnerships/northmere/actions/",
    "/partnerships/northmere/actions/{health_action}/",
]


@pytest.fixture
def page(browser_page):
    browser_page.add_init_script(RECORD_VIOLATIONS)
    console_refusals = []
    browser_page.on(
        "console",
        lambda message: console_refusals.append(message.text) if "Content Security Policy" in message.text else None,
    )
    browser_page.console_refusals = console_refusals
    return browser_page


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations") + page.console_refusals


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')"), f"initAll ran on {url}"
    assert violations(page) == [], url


def test_main_pages_run_their_scripts_under_the_policy(transactional_db, live_server, personas, world, page):
    base = live_server.url
    keys = {name: obj.pk for name, obj in world.items()}
    for url in ANONYMOUS_PAGES:
        visit(page, base + url)

    sign_in(page, base, "scrutineer")
    for url in SCRUTINEER_PAGES:
        visit(page, base + url.format(**keys))

    # Our own module script: language guidance appears as the scrutineer types.
    page.goto(base + f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/")
    page.get_by_role("textbox").first.fill("The police took no further action.")
    page.get_by_text("no further police action at this time").first.wait_for()

    # GOV.UK Frontend's service navigation: on a narrow screen its JavaScript shows a working Menu button.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base + "/")
    menu = page.get_by_role("button", name="Menu")
    menu.wait_for()
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Your partnerships").is_visible()
    assert violations(page) == []


def test_the_policy_is_enforced_and_refusals_are_seen(transactional_db, live_server, page):
    """The checks above can fail: a script the page did not load itself is refused and recorded."""
    page.goto(live_server.url + "/accounts/sign-in/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )

    assert page.evaluate("window.injected") is None
    page.wait_for_function("window.cspViolations.length > 0")
    assert any(v.startswith("script-src") for v in violations(page)), violations(page)


def test_accessibility_statement_passes_axe(transactional_db, live_server, page):
    page.goto(live_server.url + "/accessibility/")
    page.get_by_role("heading", name="Accessibility statement for the Scrutiny assurance tracker").wait_for()
    check_page(page, "accessibility-statement")
    assert violations(page) == []
