"""Found by the fuzz tests: control characters in text and ids past 64 bits are refused with a message, never
stored (PostgreSQL refuses NUL in text) and never a 500 (SQLite raises OverflowError on such an id)."""

import pytest

from partnerships.models import Evidence, ProgressUpdate
from scrutiny.models import Judgement
from tests.support.builders import action_form_data, evidence_form_data

TOO_BIG = str(2**63)


@pytest.mark.parametrize("title", ["Audit\x00", "Audit \x01 of", "\x1b[31mAudit", "Audit\x7f"])
def test_evidence_title_with_a_control_character_is_refused_by_name(client, personas, world, title):
    client.force_login(personas["lead"])
    count = Evidence.objects.count()
    response = client.post("/partnerships/northmere/evidence/new/", evidence_form_data(title=title))
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == [
        "Title contains hidden control characters: type it again, or paste it as plain text"
    ]
    assert Evidence.objects.count() == count


def test_tabs_and_new_lines_are_text_not_control_characters(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(
        "/partnerships/northmere/evidence/new/", evidence_form_data(summary="Line one\r\n\tLine two")
    )
    assert response.status_code == 302
    assert Evidence.objects.latest("pk").summary == "Line one\r\n\tLine two"


def test_a_question_label_is_quoted_in_the_message(client, personas, world):
    client.force_login(personas["lead"])
    item = world["health_action"]
    response = client.post(
        f"/partnerships/northmere/actions/{item.pk}/edit/",
        action_form_data(description="Rota\x00", owner_agency=str(item.owner_agency_id)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        "Your answer to “What is the action?” contains hidden control characters: type it again, or paste it as "
        "plain text"
    ]


def test_progress_note_with_nul_is_refused(client, personas, world):
    client.force_login(personas["lead"])
    item = world["health_action"]
    count = ProgressUpdate.objects.count()
    response = client.post(f"/partnerships/northmere/actions/{item.pk}/updates/", {"note": "Done\x00"})
    assert response.status_code == 200
    assert "Progress note contains hidden control characters" in response.content.decode()
    assert ProgressUpdate.objects.count() == count


def test_an_evidence_id_past_64_bits_is_an_invalid_choice_not_a_500(client, personas, world):
    client.force_login(personas["lead"])
    item = world["police_action"]
    data = action_form_data(owner_agency=str(item.owner_agency_id), completion_evidence=[TOO_BIG])
    response = client.post(f"/partnerships/northmere/actions/{item.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["completion_evidence"] == ["Select only this partnership's current evidence"]


@pytest.mark.parametrize("evidence_id", [TOO_BIG, f"-{TOO_BIG}1", "9" * 40])
def test_judgement_evidence_id_past_64_bits_is_an_invalid_choice(client, personas, world, evidence_id):
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/"
    data = {"version": "0", "level": "limited", "rationale": "Pathway not used", "evidence": [evidence_id]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert Judgement.objects.get(pk=world["judgement"].pk).version == 0
