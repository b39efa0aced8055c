"""Revoking a link from its confirmation page (GET changes nothing; POST revokes), then making a new one with the
round page's button: the new link is shown, the old one listed as revoked; a second new link while one is live is
refused with a message; making a link is POST only; contributors and viewers get 403."""

import pytest

from surveys.models import SurveyLink
from tests.support import survey_world


@pytest.fixture
def survey_round(personas, partnership, health_agency):
    made = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    made.first = survey_world.link(made, health_agency, personas["lead"])
    return made


def test_revoke_then_make_a_new_link(client, personas, survey_round, health_agency):
    base = f"/partnerships/northmere/surveys/{survey_round.pk}/"
    revoke = f"{base}links/{survey_round.first.pk}/revoke/"
    client.force_login(personas["lead"])
    assert "Revoke the link" in client.get(revoke).content.decode()
    assert not SurveyLink.objects.get(pk=survey_round.first.pk).is_revoked

    response = client.post(revoke)
    assert response["Location"] == f"{base}#links"
    assert SurveyLink.objects.get(pk=survey_round.first.pk).revoked_by == personas["lead"]
    page = client.get(base).content.decode()
    assert survey_round.first.token not in page
    assert "No live link" in page and "Make a new link" in page

    make = f"{base}links/new/{health_agency.pk}/"
    assert client.get(make).status_code == 405
    assert client.post(make)["Location"] == f"{base}#links"
    new = SurveyLink.objects.get(round=survey_round, revoked_at__isnull=True)
    assert new.token in client.get(base).content.decode()

    response = client.post(make, follow=True)
    assert "has a live link already" in response.content.decode()
    assert SurveyLink.objects.filter(round=survey_round, revoked_at__isnull=True).count() == 1


def test_revoking_twice_says_so(client, personas, survey_round):
    url = f"/partnerships/northmere/surveys/{survey_round.pk}/links/{survey_round.first.pk}/revoke/"
    client.force_login(personas["scrutineer"])
    client.post(url)
    page = client.post(url).content.decode()
    assert "This link is revoked already" in page


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_others_refused(client, personas, survey_round, health_agency, persona):
    base = f"/partnerships/northmere/surveys/{survey_round.pk}/"
    client.force_login(personas[persona])
    assert client.post(f"{base}links/{survey_round.first.pk}/revoke/").status_code == 403
    assert client.post(f"{base}links/new/{health_agency.pk}/").status_code == 403
    assert not SurveyLink.objects.get(pk=survey_round.first.pk).is_revoked
