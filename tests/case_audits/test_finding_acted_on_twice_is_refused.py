"""A finding made an action and evidence once cannot be made so again: the service refuses, and the page shows the
links instead of the form and refuses a second POST, making nothing more."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.findings import ALREADY_ACTED_ON, act_on_finding
from partnerships.models import ActionItem, Evidence
from tests.support import audit_world
from tests.support.builders import as_member, in_days


def _act(personas, finding, agency):
    return act_on_finding(
        membership=as_member(personas["lead"]),
        finding=finding,
        seen_version=finding.version,
        description="Record the child's own words.",
        owner_agency=agency,
        lead_name="Jo Smith",
        start_date=in_days(0),
        due_date=in_days(90),
        title="Case audit: learning",
    )


def test_the_service_refuses_a_second_time(partnership, personas, health_agency):
    finding = audit_world.finding(
        audit_world.audit_round(partnership, personas["lead"], [health_agency]), personas["lead"]
    )
    _act(personas, finding, health_agency)
    finding.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        _act(personas, finding, health_agency)

    assert refused.value.messages == [ALREADY_ACTED_ON]
    assert ActionItem.objects.count() == 1 and Evidence.objects.count() == 1


def test_the_page_shows_the_links_and_refuses_a_second_post(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])
    _act(personas, finding, health_agency)
    finding.refresh_from_db()
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/findings/{finding.pk}/act/"

    page = client.get(url)
    posted = client.post(url, {"description": "Again", "owner_agency": health_agency.pk, "version": finding.version})

    html = page.content.decode()
    assert page.context["form"] is None
    assert f"/partnerships/northmere/actions/{finding.action_id}/" in html
    assert f"/partnerships/northmere/evidence/{finding.evidence_id}/" in html
    assert posted.status_code == 302
    assert ActionItem.objects.count() == 1 and Evidence.objects.count() == 1
