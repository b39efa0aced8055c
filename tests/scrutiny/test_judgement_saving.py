"""Judgements: rationale required, evidence only the partnership's, history kept, no silent overwrite."""

import pytest

from scrutiny.models import Judgement

URL = "/partnerships/northmere/reviews/{}/judgements/R6/"


def post(client, world, **data):
    return client.post(URL.format(world["review"].pk), {"version": "0", **data})


@pytest.fixture
def scrutineer_client(client, personas):
    client.force_login(personas["scrutineer"])
    return client


@pytest.mark.parametrize("level", ["substantial", "reasonable", "limited", "none"])
def test_rationale_required_for_every_level_but_not_assessed(scrutineer_client, world, level):
    response = post(scrutineer_client, world, level=level, rationale="")
    assert response.status_code == 200
    assert "Enter the rationale for this assurance level" in response.content.decode()
    assert Judgement.objects.get(pk=world["judgement"].pk).version == 0


def test_not_yet_assessed_needs_no_rationale(scrutineer_client, world):
    assert post(scrutineer_client, world, level="not_assessed").status_code == 302


def test_saves_level_texts_and_evidence(scrutineer_client, world, personas):
    evidence = world["health_evidence"]
    response = post(
        scrutineer_client,
        world,
        level="limited",
        rationale="Pathway not used",
        strengths="Clear pathway",
        areas_for_improvement="Train staff",
        evidence=[evidence.pk],
    )
    assert response.status_code == 302
    judgement = Judgement.objects.get(pk=world["judgement"].pk)
    assert (judgement.level, judgement.rationale, judgement.version) == ("limited", "Pathway not used", 1)
    assert list(judgement.evidence.all()) == [evidence]
    assert judgement.updated_by == personas["scrutineer"]


def test_another_partnerships_evidence_cannot_be_cited(scrutineer_client, world):
    response = post(scrutineer_client, world, level="limited", rationale="x", evidence=[world["other_evidence"].pk])
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Judgement.objects.get(pk=world["judgement"].pk).evidence.exists()


def test_withdrawn_evidence_cannot_be_cited(scrutineer_client, world):
    from django.utils import timezone

    evidence = world["health_evidence"]
    evidence.withdrawn_at = timezone.now()
    evidence.save()
    response = post(scrutineer_client, world, level="limited", rationale="x", evidence=[evidence.pk])
    assert response.status_code == 200
    assert not Judgement.objects.get(pk=world["judgement"].pk).evidence.exists()


def test_second_scrutineer_is_told_and_nothing_is_overwritten(client, world, personas, partnership):
    from tests.support.builders import make_member

    second = make_member("second", partnership, "scrutineer")
    client.force_login(personas["scrutineer"])
    assert post(client, world, level="limited", rationale="First scrutineer's view").status_code == 302

    client.force_login(second)  # opened the page before the first save: still holds version 0
    response = post(client, world, level="substantial", rationale="Second scrutineer's view")
    page = response.content.decode()
    assert response.status_code == 200
    assert "after you opened it" in page and "nothing was saved" in page
    assert "Second scrutineer&#x27;s view" in page  # their text is kept on the form
    judgement = Judgement.objects.get(pk=world["judgement"].pk)
    assert (judgement.level, judgement.rationale) == ("limited", "First scrutineer's view")

    # The form now carries the newer version: saving again is a deliberate overwrite.
    resubmit = client.post(
        URL.format(world["review"].pk),
        {"version": "1", "level": "substantial", "rationale": "Second scrutineer's view"},
    )
    assert resubmit.status_code == 302
    assert Judgement.objects.get(pk=world["judgement"].pk).level == "substantial"


def test_history_shows_who_changed_which_field_from_what_to_what(scrutineer_client, world):
    post(scrutineer_client, world, level="limited", rationale="Pathway not used")
    scrutineer_client.post(
        URL.format(world["review"].pk), {"version": "1", "level": "reasonable", "rationale": "Pathway audited and used"}
    )
    page = scrutineer_client.get(URL.format(world["review"].pk)).content.decode()
    history = page.split('id="history"')[1]
    assert "Level" in history
    assert "Limited assurance" in history and "Reasonable assurance" in history
    assert "Pathway not used" in history and "Pathway audited and used" in history
    assert "Changed</strong> by scrutineer" in history
