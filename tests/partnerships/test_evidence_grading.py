"""Scrutineers, and only they, grade each item's strength on the detail page."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships import evidence as evidence_service
from partnerships.models import Evidence, Membership

N = "/partnerships/northmere/evidence"


def test_detail_page_offers_the_grade_form_to_scrutineers_only(client, personas, world):
    evidence = world["health_evidence"]
    url = f"{N}/{evidence.pk}/"
    client.force_login(personas["scrutineer"])
    html = client.get(url).content.decode()
    assert "Grade this evidence" in html
    assert f'action="{N}/{evidence.pk}/grade/"' in html
    for value, label in Evidence.Strength.choices:
        assert f'value="{value}"' in html and label in html
    for persona in ("lead", "contributor"):
        client.force_login(personas[persona])
        assert "Grade this evidence" not in client.get(url).content.decode()


@pytest.mark.parametrize("strength", Evidence.Strength.values)
def test_scrutineer_grades_evidence(client, personas, world, strength):
    evidence = world["health_evidence"]
    client.force_login(personas["scrutineer"])
    response = client.post(f"{N}/{evidence.pk}/grade/", {"strength": strength}, follow=True)
    evidence.refresh_from_db()
    assert evidence.strength == strength
    html = response.content.decode()
    label = Evidence.Strength(strength).label.replace("'", "&#x27;")
    assert f"Strength saved: {label}" in html
    assert f'value="{strength}"\n      \n        checked="checked"' in html or 'checked="checked"' in html
    assert label in client.get(f"{N}/").content.decode()  # the register shows it too


def test_regrading_is_recorded_in_history(client, personas, world):
    evidence = world["health_evidence"]
    client.force_login(personas["scrutineer"])
    client.post(f"{N}/{evidence.pk}/grade/", {"strength": "stated"})
    client.post(f"{N}/{evidence.pk}/grade/", {"strength": "impact"})
    evidence.refresh_from_db()
    assert evidence.strength == "impact"
    html = client.get(f"{N}/{evidence.pk}/").content.decode()
    history = html[html.index('id="history"') :]
    assert "(empty)</del>" in history and "Stated</ins>" in history
    assert "Stated</del>" in history and "Impact on children shown</ins>" in history
    assert evidence.history.latest().history_user == personas["scrutineer"]


@pytest.mark.parametrize("data", [{}, {"strength": "excellent"}])
def test_a_grade_must_be_chosen(client, personas, world, data):
    evidence = world["health_evidence"]
    client.force_login(personas["scrutineer"])
    response = client.post(f"{N}/{evidence.pk}/grade/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select how strong the evidence is" in html or "Select a valid choice" in html
    evidence.refresh_from_db()
    assert evidence.strength == ""


@pytest.mark.parametrize("persona", ["lead", "contributor", "viewer"])
def test_others_cannot_grade(client, personas, world, persona):
    evidence = world["health_evidence"]
    client.force_login(personas[persona])
    assert client.post(f"{N}/{evidence.pk}/grade/", {"strength": "impact"}).status_code == 403
    evidence.refresh_from_db()
    assert evidence.strength == ""


def test_grading_is_not_part_of_the_evidence_form(client, personas, world):
    # Changing evidence never touches its grade, and a lead's post cannot set one.
    evidence = world["health_evidence"]
    client.force_login(personas["scrutineer"])
    client.post(f"{N}/{evidence.pk}/grade/", {"strength": "tested"})
    from tests.support.builders import evidence_form_data

    client.force_login(personas["lead"])
    assert 'name="strength"' not in client.get(f"{N}/{evidence.pk}/edit/").content.decode()
    client.post(f"{N}/{evidence.pk}/edit/", evidence_form_data(title="Renamed", strength="impact"))
    evidence.refresh_from_db()
    assert (evidence.title, evidence.strength) == ("Renamed", "tested")


def test_service_checks_the_role(personas, world):
    lead = Membership.objects.get(user=personas["lead"])
    with pytest.raises(PermissionDenied):
        evidence_service.grade_evidence(membership=lead, evidence=world["health_evidence"], strength="impact")
