"""Refused and failed pages are GOV.UK pages in the service's own layout, not a bare "403 Forbidden"; the 500 page
needs nothing but settings (the database may be what failed); every page carries a phase banner with feedback."""

import re

import pytest
from django.test import Client

from project.urls import handler500  # noqa: F401 - the project names its own 500 view

LAYOUT = [
    'class="govuk-template__header"',
    'class="govuk-footer"',
    'class="govuk-phase-banner"',
    "Scrutiny assurance tracker",
]


def assert_in_layout(html: str):
    for part in LAYOUT:
        assert part in html, part
    assert "give your feedback" in html


def without_tokens(html: str) -> str:
    return re.sub(r'(nonce|value)="[^"]*"', "", html)


@pytest.mark.django_db
def test_another_partnerships_page_is_page_not_found_in_the_layout(client, world, personas):
    client.force_login(personas["outsider"])
    response = client.get(f"/partnerships/northmere/evidence/{world['health_evidence'].pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_in_layout(html)
    assert "<title>Page not found – Scrutiny assurance tracker</title>" in html
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "If you typed the web address, check it is correct." in html
    # The same page as for an address that matches nothing at all
    nothing = client.get("/partnerships/no-such-partnership/evidence/1/")
    assert nothing.status_code == 404
    assert without_tokens(nothing.content.decode()) == without_tokens(html)


@pytest.mark.django_db
def test_a_role_without_the_right_gets_a_403_page_that_says_nothing_of_whether_the_record_exists(
    client, world, personas
):
    client.force_login(personas["viewer"])
    existing = client.get(f"/partnerships/northmere/evidence/{world['health_evidence'].pk}/")
    missing = client.get("/partnerships/northmere/evidence/999999/")
    assert existing.status_code == missing.status_code == 403
    html = existing.content.decode()
    assert_in_layout(html)
    assert "403 Forbidden" not in html
    assert '<h1 class="govuk-heading-l">You do not have permission to view this page</h1>' in html
    assert world["health_evidence"].title not in html
    assert without_tokens(missing.content.decode()) == without_tokens(html)


def test_the_500_page_is_in_the_layout_with_the_database_unavailable(settings):
    """No django_db mark: any query (a context processor, the session, the user) would raise here."""
    settings.FEEDBACK_URL = "https://forms.example.org/scrutiny-feedback"
    client = Client(raise_request_exception=False)
    # A signed-in person's next request: reading the session needs the database, which is not there.
    client.cookies["sessionid"] = "a" * 32
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_in_layout(html)
    assert "<title>Sorry, there is a problem with the service – Scrutiny assurance tracker</title>" in html
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html
    assert "Try again later." in html
    assert 'href="https://forms.example.org/scrutiny-feedback"' in html
    assert "Sign out" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("configured", "link"),
    [
        ("https://forms.example.org/scrutiny-feedback", "https://forms.example.org/scrutiny-feedback"),
        ("mailto:feedback@example.org", "mailto:feedback@example.org"),
    ],
)
def test_every_page_has_a_phase_banner_with_the_feedback_link_from_settings(client, settings, configured, link):
    settings.FEEDBACK_URL = configured
    html = client.get("/accounts/sign-in/").content.decode()
    assert '<strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>' in html
    assert f'<a class="govuk-link" href="{link}">give your feedback</a>' in html
