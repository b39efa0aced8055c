"""Saving a judgement or a question response takes the acting membership and checks it by the permission the
view declares (can_judge), whoever calls it: a role without it, or a scrutineer of another partnership, is
refused with PermissionDenied and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships.models import Membership
from recommendations.models import ReflectiveQuestion
from scrutiny.judgements import save_judgement, save_question_response
from scrutiny.models import AssuranceLevel, Judgement, QuestionResponse
from tests.support.builders import as_member, make_member


@pytest.fixture
def people(personas, other_partnership):
    """The personas, and a scrutineer of the outsider's partnership."""
    scrutineer = make_member("castlebrook-scrutineer", other_partnership, Membership.Role.SCRUTINEER)
    return {**personas, "castlebrook_scrutineer": scrutineer}


def judge(member, world):
    return save_judgement(
        review=world["review"],
        recommendation=world["judgement"].recommendation,
        membership=member,
        seen_version=world["judgement"].version,
        level=AssuranceLevel.LIMITED,
        rationale="Little evidence from health.",
        strengths="",
        areas_for_improvement="",
        evidence=[world["health_evidence"]],
    )


def answer(member, world):
    question = world["review"].partnership.framework.questions.filter(audience=ReflectiveQuestion.Audience.SCRUTINEER)[
        0
    ]
    return save_question_response(
        review=world["review"],
        question=question,
        membership=member,
        seen_version=0,
        partnership_response="The strategy names it.",
        scrutineer_note="",
        evidence=[world["health_evidence"]],
    )


CALLS = {"save_judgement": judge, "save_question_response": answer}


def written():
    """What saving writes: judgements and question responses, their evidence and their history."""
    return (
        list(Judgement.objects.order_by("pk").values()),
        sorted(Judgement.evidence.through.objects.values_list("judgement_id", "evidence_id")),
        Judgement.history.count(),
        list(QuestionResponse.objects.order_by("pk").values()),
        sorted(QuestionResponse.evidence.through.objects.values_list("questionresponse_id", "evidence_id")),
        QuestionResponse.history.count(),
    )


@pytest.mark.parametrize("who", ["lead", "contributor", "viewer", "castlebrook_scrutineer"])
@pytest.mark.parametrize("call", list(CALLS))
def test_a_member_who_may_not_judge_here_is_refused_and_nothing_is_written(people, world, call, who):
    before = written()
    with pytest.raises(PermissionDenied):
        CALLS[call](as_member(people[who]), world)
    assert written() == before


@pytest.mark.parametrize("call", list(CALLS))
def test_the_partnerships_scrutineer_saves(people, world, call):
    record = CALLS[call](as_member(people["scrutineer"]), world)
    assert record.updated_by == people["scrutineer"]
    assert record.history.first().history_user == people["scrutineer"]
