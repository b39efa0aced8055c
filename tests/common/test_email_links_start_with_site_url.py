"""Every link in every email the service sends starts with SITE_URL, whatever host the request that
caused it named: a forged Host header must not put a password reset token into a link to the
forger's site. The emails: the password reset (Django's view, our templates) and the two action
digests (common.emails.send_templated_email)."""

import datetime
import re

import pytest
from django.core import mail

from partnerships.models import ActionItem
from partnerships.reminders import send_reminders

SITE = "https://tracker.example.gov.uk"
FORGED = "evil.example"
URL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    # As a deployment that accepts more than one name would: the forged host gets past ALLOWED_HOSTS.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, FORGED]


def links(message) -> list[str]:
    """Every absolute or protocol-relative address in the text and HTML parts."""
    parts = [message.body, *(content for content, _ in message.alternatives)]
    return [url for part in parts for url in URL.findall(part)]


@pytest.mark.parametrize("host", ["testserver", FORGED])
def test_password_reset_link_starts_with_site_url_whatever_the_host(client, personas, host):
    response = client.post("/accounts/password/reset/", {"email": "lead@example.org"}, HTTP_HOST=host)
    assert response.status_code == 302
    (message,) = mail.outbox
    found = links(message)
    assert found, "the email has a link"
    assert all(url.startswith(f"{SITE}/accounts/password/reset/") for url in found), found
    for part in (message.subject, message.body, *(content for content, _ in message.alternatives)):
        assert host not in part
    # And the link is the one that resets the password.
    path = found[0].removeprefix(SITE)
    assert client.get(path, follow=True).redirect_chain[-1][0].endswith("/set-password/")


def test_action_digest_links_start_with_site_url(personas, partnership, health_agency):
    today = datetime.date.today()
    ActionItem.objects.create(
        partnership=partnership,
        description="Health pathway to the sexual assault referral centre",
        owner_agency=health_agency,
        lead_name="A. Named Lead",
        start_date=today - datetime.timedelta(days=30),
        due_date=today - datetime.timedelta(days=1),
        status=ActionItem.Status.AT_RISK,
        created_by=personas["lead"],
    )
    send_reminders(today)
    assert {address for message in mail.outbox for address in message.to} == {
        "lead@example.org",
        "contributor@example.org",
    }
    for message in mail.outbox:
        found = links(message)
        assert found and all(url.startswith(f"{SITE}/partnerships/northmere/actions/") for url in found), found
