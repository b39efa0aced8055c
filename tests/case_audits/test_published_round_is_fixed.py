"""A published round is fixed as its readers have seen it: its details, agreed grades and findings cannot be changed
through the services either (the pages send people back to the round); turning a finding into an action still works."""

import pytest
from django.core.exceptions import ValidationError

from case_audits import findings, moderation, rounds
from tests.support import audit_world
from tests.support.builders import as_member


@pytest.fixture
def published(partnership, personas, health_agency):
    lead = personas["lead"]
    made = audit_world.moderated_round(partnership, lead, [health_agency], [{}], published=True)
    return made, made.cases.get(), audit_world.finding(made, lead)


def test_the_round_cannot_be_changed(personas, health_agency, published):
    audit_round, _, _ = published
    with pytest.raises(ValidationError, match="This round is published"):
        rounds.update_round(
            membership=as_member(personas["lead"]),
            audit_round=audit_round,
            seen_version=audit_round.version,
            title="Renamed",
            theme=audit_round.theme,
            tool=audit_round.tool,
            period_start=audit_round.period_start,
            period_end=audit_round.period_end,
            due_date=audit_round.due_date,
            agencies=[health_agency],
        )
    audit_round.refresh_from_db()
    assert audit_round.title != "Renamed"


def test_its_agreed_grades_cannot_be_changed(personas, published):
    _, audit_case, _ = published
    grades = {domain.code: "inadequate" for domain in audit_case.round.tool.domains.all()}
    with pytest.raises(ValidationError, match="This round is published"):
        moderation.moderate_case(
            membership=as_member(personas["scrutineer"]),
            audit_case=audit_case,
            seen_version=audit_case.version,
            grades=grades,
            reasons=dict.fromkeys(grades, "Changed our minds."),
        )
    assert not audit_case.agreed_grades.filter(grade__code="inadequate").exists()


def test_its_findings_cannot_be_added_or_changed(personas, published):
    audit_round, _, finding = published
    scrutineer = as_member(personas["scrutineer"])
    r3 = list(audit_round.partnership.framework.recommendations.filter(code="R3"))
    with pytest.raises(ValidationError, match="This round is published"):
        findings.create_finding(
            membership=scrutineer, audit_round=audit_round, kind="theme", text="New.", recommendations=r3
        )
    with pytest.raises(ValidationError, match="This round is published"):
        findings.update_finding(
            membership=scrutineer,
            finding=finding,
            seen_version=finding.version,
            kind="theme",
            text="New.",
            recommendations=r3,
        )
    assert audit_round.findings.count() == 1
