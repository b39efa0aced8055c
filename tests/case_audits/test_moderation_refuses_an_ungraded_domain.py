"""Every domain must get an agreed grade: a moderation leaving one out is refused, naming it, and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.models import AgreedGrade, Domain
from case_audits.moderation import moderate_case
from tests.case_audits.moderation_support import agreed, round_with_a_case
from tests.support.builders import as_member


def test_each_ungraded_domain_is_named(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(partnership, personas, health_agency)
    grades = agreed(audit_case) | {"recognition": "", "overall": None}

    with pytest.raises(ValidationError) as refused:
        moderate_case(
            membership=as_member(personas["lead"]),
            audit_case=audit_case,
            seen_version=audit_case.version,
            grades=grades,
            reasons={},
        )

    errors = refused.value.message_dict
    for code in ("recognition", "overall"):
        name = Domain.objects.get(tool=audit_case.round.tool, code=code).name
        assert errors[f"grade_{code}"] == [f"Select the agreed grade for “{name}”"]
    assert len(errors) == 2
    assert not AgreedGrade.objects.exists()
