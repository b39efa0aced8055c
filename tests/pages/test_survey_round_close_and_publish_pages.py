"""Closing a round early from its confirmation page, then publishing it: publishing is refused (and says why)
while the round is open; once closed it is published, and viewers then read its page. Contributors and viewers
can do neither (403)."""

import pytest

from surveys.models import SurveyRound
from tests.support import survey_world


@pytest.fixture
def survey_round(personas, partnership, health_agency):
    return survey_world.survey_round(partnership, personas["lead"], [health_agency])


def test_close_then_publish(client, personas, survey_round):
    base = f"/partnerships/northmere/surveys/{survey_round.pk}/"
    client.force_login(personas["scrutineer"])
    page = client.post(f"{base}publish/").content.decode()
    assert "The round was not published" in page and "still taking answers" in page
    assert not SurveyRound.objects.get().is_published

    assert "Close the round" in client.get(f"{base}close/").content.decode()
    assert client.post(f"{base}close/")["Location"] == base
    closed = SurveyRound.objects.get()
    assert closed.closed_by == personas["scrutineer"] and not closed.is_open()
    assert "closed already" in client.get(f"{base}close/").content.decode()

    assert client.post(f"{base}publish/")["Location"] == base
    assert SurveyRound.objects.get().published_by == personas["scrutineer"]

    client.force_login(personas["viewer"])
    assert client.get(base).status_code == 200


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_others_refused(client, personas, survey_round, persona):
    base = f"/partnerships/northmere/surveys/{survey_round.pk}/"
    client.force_login(personas[persona])
    assert client.post(f"{base}close/").status_code == 403
    assert client.post(f"{base}publish/").status_code == 403
    survey_round.refresh_from_db()
    assert survey_round.closed_at is None and not survey_round.is_published
