"""The results page and its export read a fixed number of queries: the same with 5 answers as with 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import AgencyType
from tests.support import survey_world

pytestmark = pytest.mark.django_db


def queries(client, survey_round):
    counted = []
    for url in ("results/", "results.csv"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/partnerships/northmere/surveys/{survey_round.pk}/{url}")
        assert response.status_code == 200
        counted.append(len(captured))
    return counted


def test_five_answers_or_two_hundred_cost_the_same(client, partnership, personas, health_agency):
    client.force_login(personas["scrutineer"])
    small = survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-1)
    survey_world.answers(small, 5, texts={"PQ1": "A", "PQ2": "B"})
    large = survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-1)
    for agency_type in (AgencyType.HEALTH, AgencyType.POLICE, AgencyType.EDUCATION, AgencyType.PROBATION):
        survey_world.answers(large, 50, agency_type=agency_type, texts={"PQ1": "A", "PQ2": "B", "PQ3": "C"})
    assert queries(client, small) == queries(client, large)
