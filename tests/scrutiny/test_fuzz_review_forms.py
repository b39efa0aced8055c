"""Fuzzed judgement and question response forms: any text, level, version and evidence posted either saves
exactly what was posted or shows the form again with its errors, never a 500 and never half a save."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.models import AssuranceLevel, Judgement, QuestionResponse
from tests.support.fuzzing import (
    assert_storable,
    choice,
    choices,
    cleaned_text,
    database_state,
    fuzz_settings,
    numbers,
    post_form,
    rolled_back,
    saved,
    texts,
)

JUDGEMENT = "/partnerships/northmere/reviews/{}/judgements/R6/"
QUESTION = "/partnerships/northmere/reviews/{}/questions/SQ9/"  # a question of R6, as the evidence is
EVIDENCE = ("health", "police", "other")  # stand-ins for the world's evidence ids, put in by `resolve`


def resolve(values: list, world) -> list:
    """Evidence stand-ins replaced by the real ids: this partnership's two and another partnership's one."""
    ids = {name: str(world[f"{name}_evidence"].pk) for name in EVIDENCE}
    return [ids.get(value, value) for value in values]


def posted_evidence(data) -> set[int]:
    return {int(value) for value in data.get("evidence", [])}


@pytest.fixture
def scrutineer_client(client, personas):
    client.force_login(personas["scrutineer"])
    return client


@fuzz_settings(examples=50)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "level": choice(AssuranceLevel.values),
            "version": numbers,
            "rationale": texts,
            "strengths": texts,
            "areas_for_improvement": texts,
            "evidence": choices(EVIDENCE),
        },
    )
)
def test_judgement_saves_what_was_posted_or_shows_errors(scrutineer_client, world, data):
    data = {"version": "0", "level": "limited", "rationale": "Pathway not used", **data}
    data["evidence"] = resolve(data.get("evidence", []), world)
    with rolled_back():
        before = database_state()
        response = post_form(scrutineer_client, JUDGEMENT.format(world["review"].pk), data)
        if saved(response, before):
            judgement = Judgement.objects.get(pk=world["judgement"].pk)
            assert_storable(judgement)
            assert judgement.level == data["level"]
            for name in ("rationale", "strengths", "areas_for_improvement"):
                assert getattr(judgement, name) == cleaned_text(data.get(name, ""))
            assert judgement.updated_by.username == "scrutineer"
            assert set(judgement.evidence.values_list("pk", flat=True)) == posted_evidence(data)
            assert judgement.version == 1


@fuzz_settings(examples=40)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "version": numbers,
            "partnership_response": texts,
            "scrutineer_note": texts,
            "evidence": choices(EVIDENCE),
        },
    )
)
def test_question_response_saves_what_was_posted_or_shows_errors(scrutineer_client, world, data):
    data = {"version": "0", **data}
    data["evidence"] = resolve(data.get("evidence", []), world)
    with rolled_back():
        before = database_state()
        response = post_form(scrutineer_client, QUESTION.format(world["review"].pk), data)
        if saved(response, before):
            record = QuestionResponse.objects.get(review=world["review"], question__code="SQ9")
            assert_storable(record)
            assert record.partnership_response == cleaned_text(data.get("partnership_response", ""))
            assert record.scrutineer_note == cleaned_text(data.get("scrutineer_note", ""))
            assert set(record.evidence.values_list("pk", flat=True)) == posted_evidence(data)
