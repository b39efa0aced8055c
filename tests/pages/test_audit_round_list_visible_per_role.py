"""The round list shows every round to those who run audits (with returns submitted of expected), to a
contributor the rounds their agency takes part in and the published ones, to a viewer the published ones only;
an outsider gets 404. Only those who run audits see "Start an audit round"."""

import pytest

from tests.support import audit_world

URL = "/partnerships/northmere/audits/"


@pytest.fixture
def rounds(personas, partnership, health_agency):
    police = audit_world.police_agency(partnership)
    lead = personas["lead"]
    made = {
        "health": audit_world.audit_round(partnership, lead, [health_agency], title="Health takes part"),
        "police": audit_world.audit_round(partnership, lead, [police], title="Police only"),
        "published": audit_world.audit_round(partnership, lead, [police], title="Published round", published=True),
    }
    case = audit_world.case(made["health"], lead)
    audit_world.agency_return(case, health_agency, lead)
    return made


SEES = {
    "scrutineer": {"Health takes part", "Police only", "Published round"},
    "lead": {"Health takes part", "Police only", "Published round"},
    "contributor": {"Health takes part", "Published round"},
    "viewer": {"Published round"},
}


@pytest.mark.parametrize("persona", SEES)
def test_each_role_sees_its_rounds(client, personas, rounds, persona):
    client.force_login(personas[persona])
    page = client.get(URL).content.decode()
    shown = {title for title in SEES["lead"] if title in page}
    assert shown == SEES[persona]
    runs = persona in ("scrutineer", "lead")
    assert ("Start an audit round" in page) == runs
    assert ("1 of 1" in page) == runs


def test_an_outsider_gets_404(client, personas, rounds):
    client.force_login(personas["outsider"])
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}{rounds['published'].pk}/").status_code == 404
