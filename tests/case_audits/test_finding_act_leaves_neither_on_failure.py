"""Making a finding an action and evidence is one transaction: a failure half-way (the action refused, or the
evidence's write failing after the action's) leaves neither, and the finding unlinked."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.findings import act_on_finding
from partnerships.models import ActionItem, Evidence
from tests.support import audit_world
from tests.support.builders import as_member, in_days


def _act(personas, finding, owner, **changes):
    arguments = {
        "membership": as_member(personas["scrutineer"]),
        "finding": finding,
        "seen_version": finding.version,
        "description": "Record the child's own words.",
        "owner_agency": owner,
        "lead_name": "Jo Smith",
        "start_date": in_days(0),
        "due_date": in_days(90),
        "title": "Case audit: learning",
    }
    return act_on_finding(**(arguments | changes))


def _nothing_made(finding):
    finding.refresh_from_db()
    assert not ActionItem.objects.exists() and not Evidence.objects.exists()
    assert finding.action is None and finding.evidence is None and finding.version == 0


def test_an_owner_agency_of_another_partnership(partnership, other_partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])
    theirs = audit_world.police_agency(other_partnership)

    with pytest.raises(ValidationError) as refused:
        _act(personas, finding, theirs)

    assert "Select an owner agency of this partnership" in refused.value.messages
    _nothing_made(finding)


def test_a_due_date_before_the_start(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])

    with pytest.raises(ValidationError):
        _act(personas, finding, health_agency, due_date=in_days(-1))

    _nothing_made(finding)


def test_the_evidence_write_failing_after_the_action(partnership, personas, health_agency, monkeypatch):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])

    def broken(**kwargs):
        assert ActionItem.objects.exists()  # the action was written first
        raise RuntimeError("the database went away")

    monkeypatch.setattr("case_audits.findings.write_new_evidence", broken)
    with pytest.raises(RuntimeError):
        _act(personas, finding, health_agency)

    _nothing_made(finding)


def test_an_evidence_title_too_long(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    finding = audit_world.finding(audit_round, personas["lead"])

    with pytest.raises(ValidationError) as refused:
        _act(personas, finding, health_agency, title="T" * 201)

    assert "title" in refused.value.message_dict
    _nothing_made(finding)
