"""Markup typed into a finding, a round's title or an agency's rationale is shown as text, never run, on the
moderation, finding, act and publish pages and in the round's findings."""

import pytest
from django.template.loader import render_to_string

from case_audits.findings import findings_for
from tests.support import audit_world
from tests.support.builders import as_member

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def hostile(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency], title=f"Round {PAYLOAD}")
    audit_case = audit_world.case(audit_round, personas["lead"])
    audit_world.agency_return(audit_case, health_agency, personas["contributor"], rationale=f"Rationale {PAYLOAD}")
    finding = audit_world.finding(audit_round, personas["lead"], text=f"Finding {PAYLOAD}")
    return audit_round, audit_case, finding


@pytest.mark.parametrize(
    "page", ["cases/{case}/moderate/", "findings/{finding}/edit/", "findings/{finding}/act/", "publish/"]
)
def test_pages_show_markup_as_text(client, personas, hostile, page):
    audit_round, audit_case, finding = hostile
    client.force_login(personas["scrutineer"])

    html = client.get(
        f"/partnerships/northmere/audits/{audit_round.pk}/" + page.format(case=audit_case.pk, finding=finding.pk)
    ).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html
    assert ESCAPED in html


def test_the_findings_partial_shows_markup_as_text(rf, partnership, personas, hostile):
    audit_round, _, _ = hostile
    membership = as_member(personas["scrutineer"])

    html = render_to_string(
        "case_audits/_findings.html",
        {
            "finding_groups": findings_for(membership, audit_round),
            "audit_round": audit_round,
            "membership": membership,
            "partnership": partnership,
        },
    )

    assert "<script>alert" not in html and ESCAPED in html
