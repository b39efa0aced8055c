"""The phase banner's feedback link is FEEDBACK_URL: a web address as given, an email address as a mailto: link,
anything else refused at start-up (a `javascript:` link in every page's banner would be a hole)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from project.env import env_link


@pytest.mark.parametrize(
    ("raw", "link"),
    [
        ("https://forms.example.org/scrutiny-feedback", "https://forms.example.org/scrutiny-feedback"),
        ("feedback@example.org", "mailto:feedback@example.org"),
        ("mailto:feedback@example.org", "mailto:feedback@example.org"),
        ("", ""),
    ],
)
def test_a_web_or_email_address_becomes_the_link(monkeypatch, raw, link):
    monkeypatch.setenv("FEEDBACK_URL", raw)
    assert env_link("FEEDBACK_URL", "x@example.org") == link


def test_unset_it_is_the_default_address(monkeypatch):
    monkeypatch.delenv("FEEDBACK_URL", raising=False)
    assert env_link("FEEDBACK_URL", "accessibility@example.org") == "mailto:accessibility@example.org"


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "forms.example.org/feedback", "https://", "ftp://x.example"])
def test_anything_else_stops_start_up(monkeypatch, raw):
    monkeypatch.setenv("FEEDBACK_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="FEEDBACK_URL="):
        env_link("FEEDBACK_URL", "")
