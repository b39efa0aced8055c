"""The accessibility statement: open to everyone, in the form UK public sector bodies publish, linked
from every page's footer. Its axe-core check is in tests/pages/browser/test_browser_content_security_policy.py."""

import re

import pytest
from django.test import override_settings

STATEMENT = "/accessibility/"


def headings(response) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", response.text)]


@pytest.mark.django_db
def test_statement_is_open_without_signing_in(client):
    response = client.get(STATEMENT)

    assert response.status_code == 200


@pytest.mark.django_db
def test_statement_has_the_sections_of_the_model_statement(client):
    found = headings(client.get(STATEMENT))

    for section in [
        "Accessibility statement for the Scrutiny assurance tracker",
        "How accessible this service is",
        "Feedback and contact information",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Technical information about this service’s accessibility",
        "Compliance status",
        "Non-accessible content",
        "How we tested this service",
        "Preparation of this accessibility statement",
    ]:
        assert section in found


@pytest.mark.django_db
def test_statement_names_the_standard_the_enforcer_and_the_date(client):
    text = client.get(STATEMENT).text

    assert "Web Content Accessibility Guidelines version 2.2</a> AA standard" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Advisory and Support Service (EASS)" in text
    assert "axe-core" in text
    assert "This statement was prepared on 24 November 2026" in text


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_CONTACT_EMAIL="accessibility@partnership.example.org")
def test_contact_is_the_configured_address(client):
    text = client.get(STATEMENT).text

    assert 'href="mailto:accessibility@partnership.example.org"' in text


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_AGE=30 * 60)
def test_a_short_session_is_declared_as_a_failure_of_timing_adjustable(client):
    text = client.get(STATEMENT).text

    assert "signed out after 30 minutes without activity" in text
    assert "2.2.1 (Timing Adjustable)" in text


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_AGE=14 * 24 * 60 * 60)
def test_a_session_of_twenty_hours_or_more_is_not_declared(client):
    text = client.get(STATEMENT).text

    assert "Timing Adjustable" not in text


def test_footer_links_to_the_statement_when_signed_out(client, db):
    response = client.get("/accounts/sign-in/")

    assert '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>' in response.text


def test_footer_links_to_the_statement_when_signed_in(client, personas):
    client.force_login(personas["viewer"])
    response = client.get("/")

    assert response.status_code == 200
    assert '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>' in response.text
