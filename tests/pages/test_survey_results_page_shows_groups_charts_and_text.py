"""A closed round's results page: answers by agency type, each area's confident and trained shares by group as a
table and a chart with its words, the free text with its agency type only (markup shown as text), a Withhold link
per answer for scrutineers only, and answers a scrutineer withheld not shown but counted."""

import pytest
from django.utils import timezone

from recommendations.models import AgencyType
from tests.support import survey_world

pytestmark = pytest.mark.django_db

URL = "/partnerships/northmere/surveys/{}/results/"


@pytest.fixture
def closed_round(partnership, personas, health_agency):
    made = survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-1)
    survey_world.answers(made, 5, agency_type=AgencyType.HEALTH, confidence=5, trained=True,
                         texts={"PQ1": "<script>alert(1)</script> We ask children directly."})  # fmt: skip
    survey_world.answers(made, 6, agency_type=AgencyType.POLICE, confidence=2, trained=False,
                         texts={"PQ1": "We wait for disclosure."})  # fmt: skip
    withheld = survey_world.answer(made, agency_type=AgencyType.POLICE, texts={"PQ2": "Names a child, withheld"})
    withheld.text_answers.update(withheld_at=timezone.now(), withheld_by=personas["scrutineer"], withheld_reason="x")
    return made


def test_the_scrutineer_reads_groups_charts_and_answers(client, personas, closed_round):
    client.force_login(personas["scrutineer"])
    response = client.get(URL.format(closed_round.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Answers by agency type" in page
    assert "5 of 5 (100%)" in page  # health, confident and trained
    assert "1 of 7 (14%)" in page  # police, confident (the withheld answer says 4)
    assert "<svg" in page and 'role="img"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; We ask children directly." in page
    assert "<script>alert(1)" not in page
    assert page.count("We wait for disclosure.") == 6
    assert "Names a child, withheld" not in page
    assert "1 withheld by a scrutineer." in page
    assert "/withhold/" in page
    assert "Frontline practitioner" in page  # role bands counted


def test_the_lead_sees_no_withhold_link(client, personas, closed_round):
    client.force_login(personas["lead"])
    page = client.get(URL.format(closed_round.pk)).content.decode()
    assert "We wait for disclosure." in page
    assert "/withhold/" not in page


def test_an_open_round_shows_no_figures(client, personas, partnership, health_agency):
    made = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    survey_world.answers(made, 6, texts={"PQ1": "Open round text"})
    client.force_login(personas["scrutineer"])
    page = client.get(URL.format(made.pk)).content.decode()
    assert "The results are shown once the round has closed." in page
    assert "Open round text" not in page and "<svg" not in page
