"""The answer page, and sending an answer, ask the database the same number of times however many answers the
round has had."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url

pytestmark = pytest.mark.django_db


def queries_for(link) -> tuple[int, int]:
    client = anonymous_client()
    with CaptureQueriesContext(connection) as page:
        assert client.get(answer_url(link)).status_code == 200
    with CaptureQueriesContext(connection) as sent:
        assert client.post(answer_url(link), answer_data(link.round, texts={"PQ1": "Listen."})).status_code == 302
    return len(page), len(sent)


def test_the_answer_page_and_an_answer_cost_the_same_with_many_answers(partnership, personas, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    few = queries_for(link)
    survey_world.answers(survey_round, 40, texts={"PQ2": "More supervision."})

    many = queries_for(link)

    assert few == many
    assert few[0] <= 4, "the link with its round, template and partnership; the areas; the questions"
