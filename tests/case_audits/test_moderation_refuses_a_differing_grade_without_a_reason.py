"""An agreed grade that differs from an agency's submitted grade needs a reason: refused, naming the domain and the
agency, and nothing is saved. A draft's grade is not the agency's yet and needs none."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.models import AgreedGrade
from case_audits.moderation import moderate_case
from tests.case_audits.moderation_support import agreed, round_with_a_case
from tests.support.builders import as_member


def test_refused_naming_the_domain_and_the_agency(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(
        partnership, personas, health_agency, police_grades={"childs_voice": "inadequate"}
    )

    with pytest.raises(ValidationError) as refused:
        moderate_case(
            membership=as_member(personas["scrutineer"]),
            audit_case=audit_case,
            seen_version=audit_case.version,
            grades=agreed(audit_case),
            reasons={"childs_voice": "   "},
        )

    (message,) = refused.value.message_dict["reason_childs_voice"]
    assert message == "Enter why the agreed grade for “The child's voice” differs from Northmere Police's (Inadequate)"
    assert "Northmere Health" not in message  # health graded it good, as agreed
    assert not AgreedGrade.objects.exists()
    audit_case.refresh_from_db()
    assert audit_case.moderated_at is None


def test_a_drafts_grade_needs_no_reason(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(
        partnership, personas, health_agency, police_grades={"childs_voice": "inadequate"}, submitted=False
    )

    moderate_case(
        membership=as_member(personas["scrutineer"]),
        audit_case=audit_case,
        seen_version=audit_case.version,
        grades=agreed(audit_case),
        reasons={},
    )

    assert AgreedGrade.objects.filter(case=audit_case).count() == audit_case.round.tool.domains.count()
