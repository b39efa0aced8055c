"""A closed round's results become ONE evidence item in one step: survey results from practitioners, documented,
dated the day it closed, partnership-wide, the recommendations of its areas, attributed in the history; the round
keeps it. A second time is refused (the page links the first); an open round or one of fewer than 5 answers is
refused; a viewer may not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.models import Evidence
from surveys.evidence import ALREADY_MADE, NOT_CLOSED, TOO_FEW, make_evidence
from tests.support import survey_world
from tests.support.builders import as_member, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(partnership, personas, health_agency):
    made = survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-2)
    survey_world.answers(made, 6)
    return made


def test_made_once_with_the_right_source_strength_and_recommendations(personas, closed_round):
    scrutineer = as_member(personas["scrutineer"])
    evidence = make_evidence(membership=scrutineer, survey_round=closed_round)
    assert (evidence.source, evidence.strength, evidence.type) == (
        Evidence.Source.PRACTITIONERS,
        Evidence.Strength.DOCUMENTED,
        Evidence.Type.SURVEY,
    )
    assert evidence.date == in_days(-2) and evidence.agency is None
    assert sorted(r.code for r in evidence.recommendations.all()) == ["R2", "R3", "R4", "R5", "R6"]
    assert evidence.history.get().history_user == personas["scrutineer"]
    closed_round.refresh_from_db()
    assert closed_round.evidence == evidence
    assert closed_round.history.first().history_change_reason == "Results made evidence"
    with pytest.raises(ValidationError, match=ALREADY_MADE):
        make_evidence(membership=scrutineer, survey_round=closed_round)
    assert Evidence.objects.count() == 1


def test_the_page_confirms_makes_and_then_links(client, personas, closed_round):
    client.force_login(personas["lead"])
    url = f"/partnerships/northmere/surveys/{closed_round.pk}/evidence/"
    page = client.get(url).content.decode()
    assert "Practitioners&#x27; survey: " in page and "R5" in page and "Log the evidence" in page
    response = client.post(url)
    evidence = Evidence.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/evidence/{evidence.pk}/")
    again = client.post(url)
    assert again.status_code == 400
    assert "made evidence already" in again.content.decode() and f"/evidence/{evidence.pk}/" in again.content.decode()
    assert Evidence.objects.count() == 1


def test_an_open_round_or_too_few_answers_are_refused(partnership, personas, health_agency):
    lead = as_member(personas["lead"])
    open_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    survey_world.answers(open_round, 6)
    with pytest.raises(ValidationError, match=NOT_CLOSED):
        make_evidence(membership=lead, survey_round=open_round)
    few = survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-1)
    survey_world.answers(few, 4)
    with pytest.raises(ValidationError, match=TOO_FEW):
        make_evidence(membership=lead, survey_round=few)
    assert not Evidence.objects.exists()


def test_a_viewer_may_not(client, personas, closed_round):
    with pytest.raises(PermissionDenied):
        make_evidence(membership=as_member(personas["viewer"]), survey_round=closed_round)
    client.force_login(personas["viewer"])
    assert client.post(f"/partnerships/northmere/surveys/{closed_round.pk}/evidence/").status_code == 403
    assert not Evidence.objects.exists()
