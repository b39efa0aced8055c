"""The round's page makes as many queries with 8 agencies (and revoked links) as with 1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import Agency
from tests.support import survey_world


def _queries(client, partnership, personas, agency_count):
    lead = personas["lead"]
    agencies = [
        Agency.objects.create(partnership=partnership, name=f"Agency {agency_count}-{n}", type="health")
        for n in range(agency_count)
    ]
    survey_round = survey_world.survey_round(partnership, lead, agencies, title=f"Round of {agency_count}")
    for agency in agencies:
        old = survey_world.link(survey_round, agency, lead)
        old.revoked_at, old.revoked_by = old.created_at, lead
        old.save()
        survey_world.link(survey_round, agency, lead)
    survey_world.answers(survey_round, agency_count)
    client.force_login(personas["scrutineer"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/partnerships/northmere/surveys/{survey_round.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("Link for Agency") == agency_count
    return len(queries)


def test_constant(client, personas, partnership):
    assert _queries(client, partnership, personas, 1) == _queries(client, partnership, personas, 8)
