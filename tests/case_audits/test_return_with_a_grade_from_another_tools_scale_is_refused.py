"""A grade of another tool's scale is refused by the service (the form offers only the tool's grades, and refuses
any other code too); nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from case_audits import returns
from case_audits.models import AgencyReturn
from tests.support import audit_world
from tests.support.builders import as_member


def test_refused(personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    other_good = audit_world.tool(partnership, audit_world.SHORT_TOOL).grades.get(code="good")
    domain = audit_round.tool.domains.get(code="recognition")
    with pytest.raises(ValidationError) as refused:
        returns.save_return(
            membership=as_member(personas["contributor"]),
            case=case,
            agency=health_agency,
            seen_version=0,
            answers={domain: (other_good, "Seen.")},
        )
    assert refused.value.message_dict["grade_recognition"] == [
        "Select one of this tool's grades for “Recognising signs and indicators of sexual abuse”"
    ]
    assert not AgencyReturn.objects.exists()


def test_the_form_refuses_a_code_not_on_the_scale(client, personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    client.force_login(personas["contributor"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{case.pk}/returns/{health_agency.pk}/"
    response = client.post(url, {"grade_recognition": "excellent", "version": "0", "save_draft": ""})
    assert response.status_code == 200
    assert not AgencyReturn.objects.exists()
