"""A round's results page reads a fixed number of queries: the same with 3 cases as with 30, each with two
agencies' returns, and with an earlier round to compare with."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import audit_world
from tests.support.builders import in_days


def queries_for_page(client, audit_round):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/partnerships/northmere/audits/{audit_round.pk}/results/")
    assert response.status_code == 200
    assert "Agencies' own grades against the agreed ones" in response.content.decode()
    return len(queries)


def rounds(partnership, lead, agencies, cases):
    audit_world.moderated_round(
        partnership,
        lead,
        agencies,
        [{"childs_voice": "inadequate"}] * cases,
        period_start=in_days(-500),
        period_end=in_days(-400),
    )
    return audit_world.moderated_round(partnership, lead, agencies, [{"support": "outstanding"}] * cases)


def test_three_cases_or_thirty_cost_the_same(client, personas, partnership, health_agency):
    lead = personas["lead"]
    agencies = [health_agency, audit_world.police_agency(partnership)]
    client.force_login(personas["scrutineer"])
    small = queries_for_page(client, rounds(partnership, lead, agencies, 3))
    large = queries_for_page(client, rounds(partnership, lead, agencies, 30))
    assert small == large
