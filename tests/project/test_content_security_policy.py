"""The Content Security Policy: strict directives, a fresh nonce per response, and pages that need nothing inline.

Every page of the permission tables is fetched as a persona allowed to see it; none may carry an
inline script without the response's nonce, an inline event handler, a style attribute or a <style>
element, since the policy blocks them all (the browser test proves the pages still work under it).
"""

import re
from html.parser import HTMLParser
from string import Formatter

import pytest

from tests.support.permission_table import PERSONAS, SIGN_IN, all_rows, check

# Scripts the browser does not run, which CSP does not govern: json_script's data blocks.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def header_nonce(response) -> str:
    nonces = [v for v in directives(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1, response["Content-Security-Policy"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


class InlineContent(HTMLParser):
    """Collects what a strict policy would block or must allow by nonce."""

    def __init__(self):
        super().__init__()
        self.scripts = []  # (attributes, text) of each <script>
        self.problems = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attributes.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>: an inline event handler")
            if name == "style":
                self.problems.append(f'<{tag} style="{value}">: a style attribute')
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>: a javascript: URL")
        if tag == "style":
            self.problems.append("<style>: an inline style sheet")
        if tag == "script":
            self._script = (attributes, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attributes, text = self._script
            self.scripts.append((attributes, "".join(text)))
            self._script = None


def inline_problems(html: str, nonce: str) -> list[str]:
    parser = InlineContent()
    parser.feed(html)
    problems = list(parser.problems)
    for attributes, text in parser.scripts:
        if attributes.get("type") in DATA_SCRIPT_TYPES:
            continue
        if "nonce" in attributes and attributes["nonce"] != nonce:
            problems.append(f"<script nonce={attributes['nonce']!r}> does not carry the header's nonce")
        if "src" not in attributes and attributes.get("nonce") != nonce:
            problems.append(f"an inline <script> without the nonce: {text[:60]!r}")
    return problems


def test_policy_is_strict(client):
    policy = directives(client.get("/accounts/sign-in/"))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert re.fullmatch(r"'nonce-[A-Za-z0-9+/=]{16,}'", policy["script-src"][1])
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    everything = " ".join(value for values in policy.values() for value in values)
    assert "unsafe-inline" not in everything
    assert "unsafe-eval" not in everything
    assert "*" not in everything


def test_nonce_differs_between_responses(client):
    first = header_nonce(client.get("/accounts/sign-in/"))
    second = header_nonce(client.get("/accounts/sign-in/"))

    assert first != second


def test_page_scripts_carry_the_headers_nonce(client):
    response = client.get("/accounts/sign-in/")
    nonce = header_nonce(response)
    parser = InlineContent()
    parser.feed(response.content.decode())

    assert parser.scripts, "the base template loads govuk-frontend's initialisation script"
    assert all(attributes.get("nonce") == nonce for attributes, _ in parser.scripts)


def test_checker_finds_what_the_policy_would_block():
    html = (
        '<script>alert(1)</script><script nonce="old">x()</script><p style="color: red">'
        '<a href="javascript:void(0)" onclick="go()">x</a><style>p {}</style>'
        '<script type="application/json">{"data": 1}</script><script nonce="n">fine()</script>'
    )

    problems = inline_problems(html, "n")

    assert len(problems) == 7, problems


@pytest.mark.django_db
def test_no_page_needs_anything_inline(client, personas, world):
    checked = 0
    known = set(world) | {f"{name}_user" for name in personas}
    for row in all_rows():
        # Rows whose objects come from a table's own fixture (e.g. a completed action) are left out.
        if row.method != "get" or not {field for _, field, _, _ in Formatter().parse(row.url) if field} <= known:
            continue
        persona = next((p for p in PERSONAS if row.status_for(p) == 200), None)
        if persona is None:
            continue
        client.logout()
        response = check(client, personas, world, row, persona)
        if not response["Content-Type"].startswith("text/html"):
            continue
        assert inline_problems(response.content.decode(), header_nonce(response)) == [], (row.url, persona)
        checked += 1

    assert checked >= 20, "the permission tables should reach most pages of the site"
    assert SIGN_IN not in {row.status_for("anonymous") for row in all_rows() if row.url == "/accessibility/"}
