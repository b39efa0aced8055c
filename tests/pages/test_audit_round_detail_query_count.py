"""The round's page makes as many queries with 30 cases as with 3, for those who run audits and for a
contributor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import audit_world


def _queries(client, partnership, personas, agencies, cases, persona):
    audit_round = audit_world.audit_round(partnership, personas["lead"], agencies, title=f"Round of {cases}")
    for number in range(cases):
        case = audit_world.case(audit_round, personas["lead"], f"MACA-{number:02d}")
        audit_world.agency_return(case, agencies[0], personas["lead"], submitted=number % 2 == 0)
    client.force_login(personas[persona])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/partnerships/northmere/audits/{audit_round.pk}/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["lead", "contributor"])
def test_constant(client, personas, partnership, health_agency, persona):
    agencies = [health_agency, audit_world.police_agency(partnership)]
    few = _queries(client, partnership, personas, agencies, 3, persona)
    many = _queries(client, partnership, personas, agencies, 30, persona)
    assert few == many
