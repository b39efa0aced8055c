"""A link whose round takes no answers says so, with its dates, and a POST to it stores nothing: after its closing
day, closed early by a scrutineer, and before its opening day. Open on its last day, to the end of it."""

import pytest
from django.utils import timezone

from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url, stored

pytestmark = pytest.mark.django_db

CASES = {
    "past its closing day": ({"opens_in_days": -30, "closes_in_days": -1}, False, "This survey is closed"),
    "closed early": ({}, True, "This survey is closed"),
    "not open yet": ({"opens_in_days": 3, "closes_in_days": 10}, False, "This survey is not open yet"),
}


@pytest.mark.parametrize(("dates", "closed_early", "heading"), CASES.values(), ids=CASES.keys())
def test_a_round_not_open_says_so_and_stores_nothing(
    partnership, personas, health_agency, dates, closed_early, heading
):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency], **dates)
    if closed_early:
        survey_round.closed_at, survey_round.closed_by = timezone.now(), personas["scrutineer"]
        survey_round.save()
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    client = anonymous_client()

    page = client.get(answer_url(link))
    sent = client.post(answer_url(link), answer_data(survey_round, texts={"PQ1": "Listen."}))

    assert page.status_code == 200
    text = page.content.decode()
    assert heading in text
    assert 'name="agency_type"' not in text, "no form to fill in"
    if heading.endswith("not open yet"):
        assert survey_round.opens_on.strftime("%-d %B %Y") in text
    elif not closed_early:
        assert survey_round.closes_on.strftime("%-d %B %Y") in text
    assert sent.status_code == 409
    assert "Your answers were not saved" in sent.content.decode()
    assert stored() == (0, 0, 0)


def test_a_round_takes_answers_on_its_last_day(partnership, personas, health_agency):
    survey_round = survey_world.survey_round(
        partnership, personas["scrutineer"], [health_agency], opens_in_days=-10, closes_in_days=0
    )
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])

    sent = anonymous_client().post(answer_url(link), answer_data(survey_round))

    assert sent.status_code == 302
    assert stored()[0] == 1
