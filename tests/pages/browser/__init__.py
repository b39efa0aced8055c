"""The pages in a real Chromium through Playwright, checked with axe-core (tests/support/browser.py)."""
