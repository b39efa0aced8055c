"""An agency not taking part in the round (or not involved in the case) cannot make a return: the service refuses
it, and its contributor's return page is 404."""

import pytest
from django.core.exceptions import ValidationError

from case_audits import returns
from case_audits.models import AgencyReturn
from tests.support import audit_world
from tests.support.builders import as_member


def test_refused(client, personas, partnership, health_agency):
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [police], published=False)
    case = audit_world.case(audit_round, personas["lead"])
    with pytest.raises(ValidationError) as refused:
        returns.save_return(
            membership=as_member(personas["contributor"]), case=case, agency=health_agency, seen_version=0, answers={}
        )
    assert refused.value.messages == ["Your agency is not taking part in this round"]
    audit_round.agencies.add(health_agency)  # taking part now, but not involved in the case
    with pytest.raises(ValidationError) as refused:
        returns.save_return(
            membership=as_member(personas["contributor"]), case=case, agency=health_agency, seen_version=0, answers={}
        )
    assert refused.value.messages == ["Your agency is not involved in this case"]
    client.force_login(personas["contributor"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{case.pk}/returns/{health_agency.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": "0"}).status_code == 404
    assert not AgencyReturn.objects.exists()
