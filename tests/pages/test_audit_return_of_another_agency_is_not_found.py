"""A contributor of another agency can neither see nor edit a return, nor see the case it is on (404); the
scrutineer and the partnership manager read it but cannot complete it (403)."""

import pytest

from tests.support import audit_world


@pytest.fixture
def police_return(personas, partnership, health_agency):
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency, police])
    case = audit_world.case(audit_round, personas["lead"], agencies=[police])
    audit_world.agency_return(case, police, personas["lead"])
    base = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{case.pk}/"
    return base, police


def test_another_agencys_contributor_gets_404(client, personas, police_return):
    base, police = police_return
    client.force_login(personas["contributor"])  # Northmere Health's
    assert client.get(base).status_code == 404
    assert client.get(f"{base}returns/{police.pk}/").status_code == 404
    assert client.post(f"{base}returns/{police.pk}/", {"version": "1"}).status_code == 404


@pytest.mark.parametrize("persona", ["scrutineer", "lead"])
def test_those_who_run_audits_read_but_do_not_complete(client, personas, police_return, persona):
    base, police = police_return
    client.force_login(personas[persona])
    page = client.get(base).content.decode()
    assert "Northmere Police's return" in page and "The child&#x27;s words were not recorded." in page
    assert client.get(f"{base}returns/{police.pk}/").status_code == 403
