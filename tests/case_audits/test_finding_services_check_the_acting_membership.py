"""The moderation, finding and publishing services check the acting membership themselves: contributors and
viewers are refused, and so is a member of another partnership acting on this one's round."""

import pytest
from django.core.exceptions import PermissionDenied

from case_audits.findings import act_on_finding, create_finding, publish_round
from case_audits.models import Finding
from case_audits.moderation import moderate_case
from tests.case_audits.moderation_support import agreed, round_with_a_case
from tests.support import audit_world
from tests.support.builders import as_member, in_days


@pytest.mark.parametrize("who", ["contributor", "viewer", "outsider"])
def test_refused(partnership, personas, health_agency, who):
    audit_round, audit_case = round_with_a_case(partnership, personas, health_agency)
    audit_world.agree(audit_case, personas["lead"])
    finding = audit_world.finding(audit_round, personas["lead"])
    membership = as_member(personas[who])
    recommendations = list(partnership.framework.recommendations.filter(code="R3"))

    with pytest.raises(PermissionDenied):
        moderate_case(
            membership=membership, audit_case=audit_case, seen_version=1, grades=agreed(audit_case), reasons={}
        )
    with pytest.raises(PermissionDenied):
        create_finding(
            membership=membership,
            audit_round=audit_round,
            kind="theme",
            text="A theme",
            recommendations=recommendations,
        )
    with pytest.raises(PermissionDenied):
        act_on_finding(
            membership=membership,
            finding=finding,
            seen_version=0,
            description="An action",
            owner_agency=health_agency,
            lead_name="Jo Smith",
            start_date=in_days(0),
            due_date=in_days(30),
            title="Case audit",
        )
    with pytest.raises(PermissionDenied):
        publish_round(membership=membership, audit_round=audit_round)

    assert Finding.objects.count() == 1
    audit_round.refresh_from_db()
    assert audit_round.published_at is None
