"""A practitioner opens their agency's link, answers every area and two of the reflective questions, and is thanked;
exactly their answer is stored, with blank questions left out and no history row (no time of answering)."""

import pytest

from surveys.models import AreaAnswer, SurveyResponse, TextAnswer
from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url, thanks_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(partnership, personas, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    return survey_world.link(survey_round, health_agency, personas["scrutineer"])


def test_the_form_asks_every_area_and_question_and_says_what_is_kept(link):
    page = anonymous_client().get(answer_url(link))

    assert page.status_code == 200
    text = page.content.decode()
    for area in link.round.template.areas.all():
        assert f'name="confidence_{area.code}"' in text
        assert f'name="trained_{area.code}"' in text
    for question in link.round.template.questions.all():
        assert f'name="answer_{question.code}"' in text
    assert "Your answers are anonymous" in text
    assert "Do not write names or details of any child, family or colleague" in text
    assert "never for a group of fewer than 5 people" in text
    for asked_for in ('name="name"', 'name="email"', 'type="email"'):
        assert asked_for not in text


def test_an_answer_is_saved_once_and_thanked(link):
    client = anonymous_client()
    data = answer_data(link.round, agency_type="police", role_band="supervisor", confidence="2", trained="no")
    data |= {"confidence_talking": "5", "trained_talking": "yes"}
    data |= {"answer_PQ1": "  Speak to the child alone.  ", "answer_PQ4": "Listen more.", "answer_PQ2": "   "}

    sent = client.post(answer_url(link), data)

    assert sent.status_code == 302
    assert sent["Location"] == thanks_url(link)
    response = SurveyResponse.objects.get()
    assert (response.round, response.agency_type, response.role_band) == (link.round, "police", "supervisor")
    areas = {answer.area.code: (answer.confidence, answer.trained) for answer in AreaAnswer.objects.all()}
    assert areas == {
        "recognising": (2, False),
        "talking": (5, True),
        "sibling_harm": (2, False),
        "health_pathway": (2, False),
        "probation": (2, False),
    }
    texts = {answer.question.code: answer.text for answer in TextAnswer.objects.all()}
    assert texts == {"PQ1": "Speak to the child alone.", "PQ4": "Listen more."}
    assert TextAnswer.history.count() == 0, "a history row would keep the time the answer was given"

    thanks = client.get(sent["Location"])
    assert thanks.status_code == 200
    assert "Thank you for answering" in thanks.content.decode()
