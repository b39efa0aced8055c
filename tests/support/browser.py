"""Playwright driving Debian's Chromium, and axe-core checks, for the browser tests."""

import json
import os
from pathlib import Path

from tests.support.environment import require
from tests.support.paths import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Runs before any page script, on every page: CSP reports each refusal as a DOM event.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`);
});
"""

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# from fixtures there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def require_browser_tools():
    """Skip on a developer machine without Chromium or axe-core; in CI (CI=true) their absence fails."""
    missing = [str(path) for path in (CHROMIUM, AXE) if not path.exists()]
    require(not missing, f"missing {', '.join(missing)}: apt-get install chromium; npm ci")


def axe_violations(page) -> list[dict]:
    # Evaluated through DevTools, not added as a <script>: the Content Security Policy refuses any
    # script the page did not load itself, and DevTools' evaluation is not subject to it.
    page.evaluate(AXE.read_text())
    result = page.evaluate(f"axe.run({{runOnly: {json.dumps(WCAG_22_A_AA)}}})")
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def check_page(page, name: str) -> None:
    """Save a screenshot for people to look at, then require no WCAG 2.2 A/AA violations."""
    screenshot(page, name)
    assert axe_violations(page) == [], f"axe-core found WCAG 2.2 A/AA violations on {name}"


def sign_in(page, base: str, username: str) -> None:
    from tests.support.builders import PASSWORD

    page.goto(base + "/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your partnerships").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/sign-in/")
