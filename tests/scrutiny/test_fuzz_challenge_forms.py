"""Fuzzed challenge forms: raising a challenge and each move on one (respond, accept, ask again, escalate),
posted with any text, dates and choices, either save exactly what was posted or show the form again with
its errors, never a 500 and never half a save."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from scrutiny import challenges as workflow
from scrutiny.models import Challenge, ChallengeStep
from tests.support.builders import as_member
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

Status = Challenge.Status
Kind = ChallengeStep.Kind
NEW = "/partnerships/northmere/challenges/new/"
due_dates = date_parts(min_value=timezone.localdate())


def resolve(value: str, world) -> str:
    """Stand-ins replaced by real ids: agencies of this partnership and of another, and recommendations."""
    framework = world["review"].partnership.framework
    ids = {
        "health": world["health_evidence"].agency_id,
        "police": world["police"].pk,
        "other": world["other_evidence"].agency_id,
        "R1": framework.recommendations.get(code="R1").pk,
        "R6": framework.recommendations.get(code="R6").pk,
    }
    return str(ids[value]) if value in ids else value


@fuzz_settings(examples=40)
@given(
    data=st.fixed_dictionaries(
        {"response_due": due_dates},
        optional={
            "text": texts,
            "agency": st.one_of(st.just(""), choice(["health", "police", "other"])),
            "recommendations": choices(["R1", "R6"]),
        },
    )
)
def test_raising_a_challenge_saves_what_was_posted_or_shows_errors(client, personas, world, data):
    client.force_login(personas["scrutineer"])
    parts = data.pop("response_due")
    data = with_date({"text": "Where is health in strategy discussions?", **data}, "response_due", parts)
    data["agency"] = resolve(data.get("agency", ""), world)
    data["recommendations"] = [resolve(value, world) for value in data.get("recommendations", ["R6"])]
    with rolled_back():
        before = database_state()
        response = post_form(client, NEW, data)
        if saved(response, before):
            challenge = Challenge.objects.latest("pk")
            assert_storable(challenge)
            assert challenge.text == cleaned_text(data["text"])
            assert challenge.response_due == posted_date(data, "response_due")
            assert str(challenge.agency_id or "") == data["agency"].strip()
            assert {str(pk) for pk in challenge.recommendations.values_list("pk", flat=True)} == {
                value.strip() for value in data["recommendations"]
            }
            (step,) = challenge.steps.all()
            assert (step.kind, step.text) == (Kind.RAISED, challenge.text)


@pytest.fixture
def responded(world, personas):
    """A challenge with a response, so that it may be accepted or asked again."""
    challenge = world["police_challenge"]
    workflow.respond(challenge=challenge, membership=as_member(personas["lead"]), text="Here is the protocol.")
    return challenge


# Each move: who makes it, on which challenge, its fields, the step it adds and the status it leaves.
MOVES = {
    "respond": ("contributor", "health_challenge", Kind.RESPONSE, Status.RESPONDED),
    "escalate": ("scrutineer", "health_challenge", Kind.ESCALATED, Status.ESCALATED),
    "accept": ("scrutineer", "responded", Kind.ACCEPTED, Status.ACCEPTED),
    "ask_again": ("scrutineer", "responded", Kind.ASKED_AGAIN, Status.AWAITING_RESPONSE),
}
move_posts = st.fixed_dictionaries({}, optional={"text": texts, "note": texts, "response_due": due_dates})
STARTING_POINT = {"text": "Show us the audit's findings", "response_due": ("1", "1", "2100")}


@pytest.mark.parametrize("move", MOVES)
@fuzz_settings(examples=15)
@given(fields=move_posts)
def test_each_move_saves_what_was_posted_or_shows_errors(client, personas, world, responded, move, fields):
    who, which, kind, status = MOVES[move]
    client.force_login(personas[who])
    challenge = responded if which == "responded" else world[which]
    fields = {**STARTING_POINT, **fields}
    fields = with_date(fields, "response_due", fields.pop("response_due"))
    data = {f"{move}-{name}": value for name, value in fields.items()}
    url = f"/partnerships/northmere/challenges/{challenge.pk}/{move.replace('_', '-')}/"
    with rolled_back():
        before = database_state()
        response = post_form(client, url, data)
        if saved(response, before):
            challenge = Challenge.objects.get(pk=challenge.pk)
            assert challenge.status == status
            step = challenge.steps.latest("pk")
            assert_storable(step)
            assert step.kind == kind and step.by == personas[who]
            assert step.text == cleaned_text(fields.get("note" if move == "accept" else "text", ""))
            if move == "ask_again":
                assert challenge.response_due == posted_date(fields, "response_due")
