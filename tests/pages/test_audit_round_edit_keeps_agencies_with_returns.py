"""Changing a round: an agency can be added; one that has made a return in the round cannot be removed (the
message names it); a save from a form opened before a colleague's is refused (stale)."""

from tests.pages.test_audit_round_created_and_refused import round_data
from tests.support import audit_world
from tests.support.builders import errors_of


def test_agencies_and_stale_saves(client, personas, partnership, health_agency):
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    case = audit_world.case(audit_round, personas["lead"])
    audit_world.agency_return(case, health_agency, personas["contributor"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/edit/"
    client.force_login(personas["lead"])
    response = client.post(url, round_data([police], version="0"))
    assert errors_of(response)["agencies"] == ["Northmere Health has made returns in this round, so cannot be removed"]
    assert client.post(url, round_data([health_agency, police], version="0")).status_code == 302
    audit_round.refresh_from_db()
    assert set(audit_round.agencies.all()) == {health_agency, police} and audit_round.version == 1
    response = client.post(url, round_data([health_agency, police], title="Another title", version="0"))
    assert "after you opened it" in response.content.decode()
    audit_round.refresh_from_db()
    assert audit_round.title != "Another title"
