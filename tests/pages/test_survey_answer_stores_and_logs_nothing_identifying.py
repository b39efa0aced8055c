"""Nothing that could identify a respondent is stored or logged. The saved rows hold only the agency type, the role
band, the answers and the text: no link, agency, address, user or time (no extra column, no history row). Every
log record during a visit (the form, an answer, a refusal, the thanks; all loggers at DEBUG) holds neither the
person's address nor the link's token, whatever the proxy headers say."""

import logging

import pytest
from django.test import Client
from django.utils import timezone

from surveys.models import AreaAnswer, SurveyResponse, TextAnswer
from tests.support import survey_world
from tests.support.survey_answers import answer_data, answer_url, thanks_url

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


def test_the_saved_rows_hold_nothing_of_who_answered(partnership, personas, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    client = Client(REMOTE_ADDR=ADDRESS)
    client.force_login(personas["contributor"])  # even a signed-in member answers anonymously

    client.post(answer_url(link), answer_data(survey_round, texts={"PQ4": "Listen to children."}))

    columns = {
        model: [field.attname for field in model._meta.concrete_fields]
        for model in (SurveyResponse, AreaAnswer, TextAnswer)
    }
    assert columns == {
        SurveyResponse: ["id", "round_id", "agency_type", "role_band"],
        AreaAnswer: ["id", "response_id", "area_id", "confidence", "trained"],
        TextAnswer: [
            "id",
            "response_id",
            "question_id",
            "text",
            "withheld_at",
            "withheld_by_id",
            "withheld_reason",
            "version",
        ],
    }
    response = SurveyResponse.objects.get()
    assert (response.agency_type, response.role_band) == ("health", "frontline")
    text = TextAnswer.objects.get()
    assert (text.text, text.withheld_at, text.withheld_by_id) == ("Listen to children.", None, None)
    assert TextAnswer.history.count() == 0


def test_nothing_identifying_is_logged(partnership, personas, health_agency, caplog):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    old_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency], title="Old")
    revoked = survey_world.link(old_round, health_agency, personas["scrutineer"])
    revoked.revoked_at, revoked.revoked_by = timezone.now(), personas["scrutineer"]
    revoked.save()
    client = Client(REMOTE_ADDR=ADDRESS, headers={"X-Forwarded-For": ADDRESS})
    strict = Client(REMOTE_ADDR=ADDRESS, enforce_csrf_checks=True)

    with caplog.at_level(logging.DEBUG):
        client.get(answer_url(link))
        client.post(answer_url(link), answer_data(survey_round, agency_type="not-a-type"))
        client.post(answer_url(link), answer_data(survey_round))
        client.get(thanks_url(link))
        client.get(answer_url(revoked))  # 404, which Django logs with its path
        strict.post(answer_url(link), answer_data(survey_round))  # 403 for want of a CSRF token, logged too

    logged = "\n".join(f"{record.name} {record.getMessage()}" for record in caplog.records)
    assert "Not Found: /answer/-/" in logged
    assert "Forbidden (CSRF cookie not set.): /answer/-/" in logged
    assert ADDRESS not in logged
    assert link.token not in logged
    assert revoked.token not in logged
