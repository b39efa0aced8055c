"""A grade outside the round's tool's scale is refused, naming the domain, and nothing is saved. Grades are read
against the round's own tool's scale only, so another tool's grade (or a code no scale has) cannot be agreed."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.models import AgreedGrade, Grade
from case_audits.moderation import moderate_case
from tests.case_audits.moderation_support import agreed, moderation_post, round_with_a_case
from tests.support.builders import as_member, errors_of


@pytest.mark.parametrize("code", ["excellent", "1", "<b>good</b>"])
def test_refused_naming_the_domain(partnership, personas, health_agency, code):
    _, audit_case = round_with_a_case(partnership, personas, health_agency)

    with pytest.raises(ValidationError) as refused:
        moderate_case(
            membership=as_member(personas["scrutineer"]),
            audit_case=audit_case,
            seen_version=audit_case.version,
            grades=agreed(audit_case, recognition=code),
            reasons={"recognition": "Because."},
        )

    assert refused.value.message_dict["grade_recognition"] == [
        "The agreed grade for “Recognising signs and indicators of sexual abuse” must be one of the tool's grades"
    ]
    assert not AgreedGrade.objects.exists()


def test_another_tools_grade_is_refused_by_the_page(client, partnership, personas, health_agency):
    audit_round, audit_case = round_with_a_case(partnership, personas, health_agency)
    other_tools = Grade.objects.exclude(tool=audit_round.tool).first()
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{audit_case.pk}/moderate/"

    response = client.post(url, moderation_post(audit_case, agreed(audit_case, recognition=str(other_tools.pk))))

    assert response.status_code == 200
    assert errors_of(response)["grade_recognition"] == [
        "The agreed grade for “Recognising signs and indicators of sexual abuse” must be one of the tool's grades"
    ]
    assert not AgreedGrade.objects.exists()
