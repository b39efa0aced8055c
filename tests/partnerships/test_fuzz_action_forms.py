"""Fuzzed action plan forms: an action item (new and changed) and a progress update, posted with any text,
dates, numbers and choices, either save exactly what was posted or show the form again with its errors,
never a 500 and never half a save."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerships.models import ActionItem, ProgressUpdate
from tests.support.builders import action_form_data
from tests.support.fuzzing import (
    assert_storable,
    choice,
    choices,
    cleaned_text,
    database_state,
    date_parts,
    fuzz_settings,
    post_form,
    posted_date,
    rolled_back,
    saved,
    texts,
    with_date,
)

Status = ActionItem.Status
BASE = "/partnerships/northmere/actions/"
STAND_INS = ("health", "police", "other")  # agencies, and evidence, of this partnership and of another

FIELDS = {
    "description": texts,
    "recommendations": choices(["R1", "R6", "r3"]),
    "owner_agency": choice(STAND_INS),
    "contributing_agencies": choices(STAND_INS),
    "lead_name": texts,
    "start_date": date_parts(),
    "due_date": date_parts(),
    "status": choice(Status.values),
    "completion_evidence": choices(STAND_INS),
    "impact_evidenced": st.sampled_from(["on", "", "false"]),
    "impact_evidence": choices(STAND_INS),
}
posts = st.fixed_dictionaries({}, optional=FIELDS)


def action_post(overrides: dict, world) -> dict:
    """A valid post with `overrides`, stand-ins replaced by the real ids."""
    agencies = {"health": world["health_evidence"].agency_id, "police": world["police"].pk}
    agencies["other"] = world["other_evidence"].agency_id
    evidence = {name: world[f"{name}_evidence"].pk for name in STAND_INS}

    def real(name, value):
        ids = evidence if name.endswith("evidence") else agencies
        return str(ids[value]) if value in ids else value

    data = action_form_data(owner_agency=str(agencies["health"]))
    for name, value in overrides.items():
        if name in ("start_date", "due_date"):
            data = with_date(data, name, value)
        elif isinstance(value, list):
            data[name] = [real(name, item) for item in value]
        else:
            data[name] = real(name, value)
    return data


def ids(values) -> set[int]:
    return {int(value) for value in values}


def assert_saved_as_posted(item: ActionItem, data: dict):
    assert_storable(item)
    assert item.description == cleaned_text(data["description"])
    assert item.lead_name == cleaned_text(data["lead_name"])
    assert item.owner_agency_id == int(data["owner_agency"])
    assert item.start_date == posted_date(data, "start_date")
    assert item.due_date == posted_date(data, "due_date")
    assert item.status == data["status"]
    assert {r.code.casefold() for r in item.recommendations.all()} == {c.casefold() for c in data["recommendations"]}
    assert set(item.contributing_agencies.values_list("pk", flat=True)) == ids(data["contributing_agencies"])
    assert set(item.completion_evidence.values_list("pk", flat=True)) == ids(data["completion_evidence"])
    assert set(item.impact_evidence.values_list("pk", flat=True)) == ids(data["impact_evidence"])


@pytest.fixture
def lead_client(client, personas):
    client.force_login(personas["lead"])
    return client


@fuzz_settings(examples=40)
@given(overrides=posts)
def test_new_action_saves_what_was_posted_or_shows_errors(lead_client, world, overrides):
    data = action_post(overrides, world)
    with rolled_back():
        before = database_state()
        response = post_form(lead_client, BASE + "new/", data)
        if saved(response, before):
            item = ActionItem.objects.latest("pk")
            assert response["Location"] == f"{BASE}{item.pk}/"
            assert_saved_as_posted(item, data)


@fuzz_settings(examples=30)
@given(overrides=posts)
def test_changed_action_saves_what_was_posted_or_shows_errors(lead_client, world, overrides):
    item = world["police_action"]
    data = action_post(overrides, world)
    with rolled_back():
        before = database_state()
        response = post_form(lead_client, f"{BASE}{item.pk}/edit/", data)
        if saved(response, before):
            assert_saved_as_posted(ActionItem.objects.get(pk=item.pk), data)


@pytest.mark.parametrize("who", ["lead", "contributor"])
@fuzz_settings(examples=20)
@given(
    data=st.fixed_dictionaries({}, optional={"note": texts, "status": st.one_of(st.just(""), choice(Status.values))})
)
def test_progress_update_saves_what_was_posted_or_shows_errors(client, personas, world, who, data):
    client.force_login(personas[who])  # the contributor's agency owns the health action, so may change its status
    item = world["health_action"]
    data = {"note": "Rota agreed with the designated nurse", **data}
    with rolled_back():
        before = database_state()
        response = post_form(client, f"{BASE}{item.pk}/updates/", data)
        if saved(response, before):
            update = ProgressUpdate.objects.latest("pk")
            assert_storable(update)
            assert (update.item_id, update.author) == (item.pk, personas[who])
            assert update.note == cleaned_text(data["note"])
            status = data.get("status") or item.status
            assert ActionItem.objects.get(pk=item.pk).status == status
