"""A case's reference that looks like a person's identifier is refused outright (no confirming): an NHS number, a
date of birth (with words around it, or bare, either way round), a name with a space, a postcode; and a code with
no number. Nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from case_audits import rounds
from case_audits.models import AgeBand, AuditCase
from tests.support import audit_world
from tests.support.builders import as_member

BAD = [
    "943 476 5919",
    "9434765919",
    "DOB 03/05/2012",
    "12/03/2015",
    "2015-03-12",
    "C-3.5.12",
    "Jane Smith",
    "NE1 4XF",
    "SMITH",
    "MACA 01",
    "<b>M1</b>",
]


@pytest.mark.parametrize("reference", BAD)
def test_refused(personas, partnership, health_agency, reference):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    with pytest.raises(ValidationError) as refused:
        rounds.create_case(
            membership=as_member(personas["lead"]),
            audit_round=audit_round,
            reference=reference,
            age_band=AgeBand.UNDER_5,
            agencies=[health_agency],
            recommendations=list(partnership.framework.recommendations.filter(code="R3")),
        )
    assert "Use your own case reference, like MACA-2026-03" in refused.value.message_dict["reference"][0]
    assert not AuditCase.objects.exists()


def test_a_code_of_the_partnership_is_accepted(personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    made = rounds.create_case(
        membership=as_member(personas["lead"]),
        audit_round=audit_round,
        reference="MACA-2026/03",
        age_band=AgeBand.UNDER_5,
        agencies=[health_agency],
        recommendations=list(partnership.framework.recommendations.filter(code="R3")),
    )
    assert made.reference == "MACA-2026/03"
