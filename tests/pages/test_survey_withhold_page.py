"""The withhold page: a scrutineer sees the answer and its question, must give a reason (refused on the field
without one), and the answer is withheld, then can be shown again; leads, contributors and viewers get 403; an
answer of a group of fewer than five is not shown there; a stale save is refused."""

import pytest

from surveys.models import TextAnswer
from tests.support import survey_world
from tests.support.builders import errors_of

TEXT = "Supervision gives us room to talk about it."


@pytest.fixture
def answer(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=-30, closes_in_days=-1
    )
    survey_world.answers(survey_round, 5, texts={"PQ1": TEXT})
    return TextAnswer.objects.filter(response__round=survey_round).first()


def _url(answer):
    return f"/partnerships/northmere/surveys/{answer.response.round_id}/answers/{answer.pk}/withhold/"


def test_withhold_then_restore(client, personas, answer):
    client.force_login(personas["scrutineer"])
    page = client.get(_url(answer)).content.decode()
    assert TEXT in page and answer.question.text[:30] in page

    response = client.post(_url(answer), {"reason": "", "version": answer.version})
    assert errors_of(response)["reason"] == ["Enter why the answer is withheld from the results"]
    assert not TextAnswer.objects.get(pk=answer.pk).is_withheld

    response = client.post(_url(answer), {"reason": "Names a colleague", "version": answer.version})
    assert response.status_code == 302
    withheld = TextAnswer.objects.get(pk=answer.pk)
    assert withheld.is_withheld and withheld.withheld_reason == "Names a colleague"
    page = client.get(_url(answer)).content.decode()
    assert "Show the answer again" in page and "Withheld from the results: Names a colleague" in page

    stale = client.post(_url(answer), {"reason": "Old form", "version": answer.version})
    assert stale.status_code == 200 and "after you opened it" in stale.content.decode()

    client.post(_url(answer), {"reason": "Checked with the panel", "version": withheld.version})
    assert not TextAnswer.objects.get(pk=answer.pk).is_withheld


@pytest.mark.parametrize("persona", ["lead", "contributor", "viewer"])
def test_only_scrutineers(client, personas, answer, persona):
    client.force_login(personas[persona])
    response = client.get(_url(answer))
    assert response.status_code == 403
    assert TEXT not in response.content.decode()
    assert client.post(_url(answer), {"reason": "Why", "version": answer.version}).status_code == 403
    assert not TextAnswer.objects.get(pk=answer.pk).is_withheld


def test_a_small_groups_answer_is_not_shown(client, personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    survey_world.answers(survey_round, 4, texts={"PQ1": "Only four of us answered"})
    few = TextAnswer.objects.filter(response__round=survey_round).first()
    client.force_login(personas["scrutineer"])
    page = client.get(_url(few)).content.decode()
    assert "Only four of us answered" not in page and "nothing to withhold" in page
    client.post(_url(few), {"reason": "Why", "version": few.version})
    assert not TextAnswer.objects.get(pk=few.pk).is_withheld
