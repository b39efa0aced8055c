"""The round's page: those who run surveys see its dates, state, each agency's link to copy (revoked ones marked),
the answer count in all, the buttons and the history; viewers and contributors see a published round only, as a
short page pointing to its results, and get 403 before; another partnership's round is 404."""

import pytest

from tests.support import survey_world


@pytest.fixture
def survey_round(personas, partnership, health_agency):
    made = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    old = survey_world.link(made, health_agency, personas["lead"])
    old.revoked_at, old.revoked_by = old.created_at, personas["lead"]
    old.save()
    made.live = survey_world.link(made, health_agency, personas["lead"])
    survey_world.answers(made, 6)
    return made


def _url(survey_round):
    return f"/partnerships/northmere/surveys/{survey_round.pk}/"


@pytest.mark.parametrize("persona", ["scrutineer", "lead"])
def test_full_page(client, personas, survey_round, persona):
    client.force_login(personas[persona])
    page = client.get(_url(survey_round)).content.decode()
    assert f"http://testserver/answer/{survey_round.live.token}/" in page
    assert "Revoked" in page
    assert "Close the round now" in page and "Change the round" in page
    assert '<dd class="govuk-summary-list__value">6<' in page
    assert 'id="history"' in page
    assert f"/surveys/{survey_round.pk}/results/" in page


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_others_refused_before_publishing(client, personas, survey_round, persona):
    client.force_login(personas[persona])
    assert client.get(_url(survey_round)).status_code == 403


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_others_see_a_published_round_briefly(client, personas, partnership, health_agency, persona):
    published = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=-40, closes_in_days=-10, published=True
    )
    live = survey_world.link(published, health_agency, personas["lead"])
    client.force_login(personas[persona])
    page = client.get(_url(published)).content.decode()
    assert "The round&#x27;s results" in page or "The round's results" in page
    assert live.token not in page
    assert "Answers" not in page and 'id="history"' not in page


def test_another_partnerships_round_is_404(client, personas, survey_round):
    client.force_login(personas["outsider"])
    assert client.get(f"/partnerships/castlebrook/surveys/{survey_round.pk}/").status_code == 404
