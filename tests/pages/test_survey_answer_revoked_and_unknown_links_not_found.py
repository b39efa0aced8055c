"""A revoked link, and a token no link has, answer the service's ordinary 404 page to GET and POST, on the form
and on the thanks page, and store nothing."""

import pytest
from django.utils import timezone

from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey_round(partnership, personas, health_agency):
    return survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])


@pytest.fixture
def revoked(survey_round, personas, health_agency):
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    link.revoked_at, link.revoked_by = timezone.now(), personas["scrutineer"]
    link.save()
    return link.token


@pytest.mark.parametrize("which", ["revoked", "unknown", "empty-looking"])
@pytest.mark.parametrize("path", ["/answer/{}/", "/answer/{}/thanks/"])
def test_not_found(survey_round, revoked, which, path):
    token = {"revoked": revoked, "unknown": "no-such-link-" + "x" * 30, "empty-looking": "%20"}[which]
    client = anonymous_client()
    url = path.format(token)

    page = client.get(url)
    sent = client.post(url, answer_data(survey_round))

    assert page.status_code == 404
    assert "Page not found" in page.content.decode()
    assert sent.status_code in (404, 405)
    assert stored() == (0, 0, 0)


def test_a_new_link_for_the_agency_works_where_the_revoked_one_does_not(survey_round, revoked, personas, health_agency):
    fresh = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    client = anonymous_client()

    assert client.get(f"/answer/{revoked}/").status_code == 404
    assert client.get(f"/answer/{fresh.token}/").status_code == 200
