"""Changing a case: an agency with a return on it cannot be taken off it (named); other changes are saved, with
one history record by the person; a published round's cases cannot be changed."""

from django.utils import timezone

from tests.support import audit_world
from tests.support.builders import errors_of


def test_change_a_case(client, personas, partnership, health_agency):
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency, police])
    case = audit_world.case(audit_round, personas["lead"])
    audit_world.agency_return(case, police, personas["lead"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{case.pk}/edit/"
    data = {"reference": "MACA-02", "age_band": "under_5", "recommendations": ["R3", "R5"], "version": "0"}
    client.force_login(personas["scrutineer"])
    response = client.post(url, data | {"agencies": [health_agency.pk]})
    assert errors_of(response)["agencies"] == ["Northmere Police has made a return on this case, so cannot be removed"]
    assert client.post(url, data | {"agencies": [police.pk]}).status_code == 302
    case.refresh_from_db()
    assert case.reference == "MACA-02" and list(case.agencies.all()) == [police]
    assert case.history.latest().history_user == personas["scrutineer"]

    audit_round.published_at, audit_round.published_by = timezone.now(), personas["lead"]
    audit_round.save()
    assert client.post(url, data | {"agencies": [police.pk], "version": "1", "reference": "X-1"}).status_code == 302
    case.refresh_from_db()
    assert case.reference == "MACA-02"
