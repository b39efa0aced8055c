"""A finding becomes an action of the plan and an evidence item in one step, both linked to it and to its
recommendations, the evidence from case files and tested in practice; the history names who did it. A scrutineer
may do it, though they cannot otherwise create actions."""

import pytest
from django.utils import timezone

from case_audits.findings import act_on_finding
from partnerships.models import ActionItem, Evidence
from tests.support import audit_world
from tests.support.builders import as_member, in_days


@pytest.mark.parametrize("who", ["scrutineer", "lead"])
def test_both_made_and_linked(partnership, personas, health_agency, who):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"], recommendations=("R3", "R5"))

    act_on_finding(
        membership=as_member(personas[who]),
        finding=finding,
        seen_version=finding.version,
        description="Record the child's own words in every strategy discussion.",
        owner_agency=health_agency,
        lead_name="Jo Smith, Designated Nurse",
        start_date=in_days(0),
        due_date=in_days(90),
        title=f"Case audit: {audit_round.title} (learning)",
    )

    finding.refresh_from_db()
    action = ActionItem.objects.get()
    evidence = Evidence.objects.get()
    assert (finding.action, finding.evidence) == (action, evidence)
    assert action.owner_agency == health_agency and action.lead_name == "Jo Smith, Designated Nurse"
    assert action.due_date == in_days(90) and action.status == ActionItem.Status.NOT_STARTED
    assert evidence.source == Evidence.Source.AUDIT and evidence.get_source_display() == "Case files"
    assert evidence.strength == Evidence.Strength.TESTED
    assert evidence.type == Evidence.Type.AUDIT
    assert evidence.agency is None and evidence.date == timezone.localdate()
    assert evidence.confirmed_no_identifying_details is True
    assert finding.text in evidence.summary and audit_round.theme in evidence.summary
    codes = {"R3", "R5"}
    assert {r.code for r in action.recommendations.all()} == codes
    assert {r.code for r in evidence.recommendations.all()} == codes
    for record in (action, evidence):
        (created,) = record.history.all()
        assert created.history_user == personas[who]
        assert created.history_change_reason.startswith(f"From case audit finding {finding.pk}")
    assert finding.history.latest("history_id").history_user == personas[who]
