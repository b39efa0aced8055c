"""The list of survey rounds: scrutineers and leads see every round with its state and answer count; contributors
and viewers the published rounds only, without counts; the outsider gets 404. One query for the rounds however
many there are."""

import pytest

from tests.support import survey_world

URL = "/partnerships/northmere/surveys/"


@pytest.fixture
def rounds(personas, partnership, health_agency):
    lead = personas["lead"]
    made = {
        "open": survey_world.survey_round(partnership, lead, [health_agency], title="Open round"),
        "coming": survey_world.survey_round(
            partnership, lead, [health_agency], title="Coming round", opens_in_days=5, closes_in_days=9
        ),
        "closed": survey_world.survey_round(
            partnership, lead, [health_agency], title="Closed round", opens_in_days=-20, closes_in_days=-2
        ),
        "published": survey_world.survey_round(
            partnership,
            lead,
            [health_agency],
            title="Published round",
            opens_in_days=-60,
            closes_in_days=-30,
            published=True,
        ),
    }
    survey_world.answers(made["open"], 3)
    return made


@pytest.mark.parametrize("persona", ["scrutineer", "lead"])
def test_those_who_run_surveys_see_all(client, personas, rounds, persona):
    client.force_login(personas[persona])
    page = client.get(URL).content.decode()
    for title in ("Open round", "Coming round", "Closed round", "Published round"):
        assert title in page
    for state in ("Not open yet", ">Open<", ">Closed<", ">Published<"):
        assert state in page
    assert "Answers" in page and ">3</td>" in page
    assert "Open a survey round" in page


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_others_see_published_only(client, personas, rounds, persona):
    client.force_login(personas[persona])
    page = client.get(URL).content.decode()
    assert "Published round" in page
    for title in ("Open round", "Coming round", "Closed round"):
        assert title not in page
    assert "Answers" not in page and "Open a survey round" not in page


def test_outsider_gets_404(client, personas, rounds):
    client.force_login(personas["outsider"])
    assert client.get(URL).status_code == 404


def test_queries_constant(client, personas, partnership, health_agency, django_assert_num_queries):
    client.force_login(personas["lead"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        counts.append(len(queries))
        for number in range(5):
            survey_world.survey_round(partnership, personas["lead"], [health_agency], title=f"More {number}")
    assert counts[0] == counts[1]
