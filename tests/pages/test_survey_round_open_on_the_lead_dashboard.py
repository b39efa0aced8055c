"""The partnership manager's home page lists the survey rounds taking answers today, with their answer counts,
and not those closed, closed early or not yet open; as many queries with 6 open rounds as with 1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.support import survey_world


def test_open_rounds_with_counts(client, personas, partnership, health_agency):
    lead = personas["lead"]
    taking = survey_world.survey_round(partnership, lead, [health_agency], title="Taking answers")
    survey_world.answers(taking, 3)
    survey_world.survey_round(partnership, lead, [health_agency], title="Coming soon", opens_in_days=3)
    survey_world.survey_round(
        partnership, lead, [health_agency], title="Past its date", opens_in_days=-30, closes_in_days=-1
    )
    early = survey_world.survey_round(partnership, lead, [health_agency], title="Closed early")
    early.closed_at, early.closed_by = timezone.now(), lead
    early.save()
    client.force_login(lead)
    page = client.get("/").content.decode()
    assert "Open survey rounds" in page
    assert "Taking answers" in page and "3 answers so far" in page
    for title in ("Coming soon", "Past its date", "Closed early"):
        assert title not in page


def test_queries_constant(client, personas, partnership, health_agency):
    lead = personas["lead"]
    client.force_login(lead)
    counts = []
    for more in (1, 5):
        for number in range(more):
            survey_world.answers(survey_world.survey_round(partnership, lead, [health_agency], title=f"R{number}"), 2)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
