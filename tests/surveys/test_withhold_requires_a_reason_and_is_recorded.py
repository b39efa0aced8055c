"""A scrutineer withholds a free-text answer with a reason (required), recorded on the answer and in its history
(by whom, why), stale-safe on its version; it can be shown again, with a reason. Only scrutineers may do either;
an answer from a group of fewer than five is not withheld (it is never shown)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from common.versioning import StaleEdit
from surveys import withholding
from surveys.models import TextAnswer
from tests.support import survey_world
from tests.support.builders import as_member


@pytest.fixture
def answer(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    survey_world.answers(survey_round, 5, texts={"PQ1": "We talk about it in supervision."})
    return TextAnswer.objects.filter(response__round=survey_round).first()


def test_withheld_with_a_reason(personas, answer):
    scrutineer = as_member(personas["scrutineer"])
    with pytest.raises(ValidationError) as refused:
        withholding.withhold_answer(membership=scrutineer, answer=answer, seen_version=answer.version, reason="  ")
    assert refused.value.message_dict["reason"] == [withholding.REASON_REQUIRED]

    withholding.withhold_answer(
        membership=scrutineer, answer=answer, seen_version=answer.version, reason="Names a team member"
    )

    answer.refresh_from_db()
    assert answer.is_withheld and answer.withheld_by == personas["scrutineer"]
    assert answer.withheld_reason == "Names a team member"
    assert answer.text == "We talk about it in supervision."
    latest = answer.history.order_by("-history_id").first()
    assert latest.history_user == personas["scrutineer"]
    assert latest.history_change_reason == "Withheld from the results: Names a team member"

    withholding.restore_answer(membership=scrutineer, answer=answer, seen_version=answer.version, reason="Checked")
    answer.refresh_from_db()
    assert not answer.is_withheld and answer.withheld_reason == ""
    assert answer.history.order_by("-history_id").first().history_change_reason == "Shown in the results again: Checked"


def test_stale_refused(personas, answer):
    scrutineer = as_member(personas["scrutineer"])
    seen = answer.version
    withholding.withhold_answer(membership=scrutineer, answer=answer, seen_version=seen, reason="First")
    with pytest.raises(StaleEdit):
        withholding.restore_answer(membership=scrutineer, answer=answer, seen_version=seen, reason="Second")


@pytest.mark.parametrize("persona", ["lead", "contributor", "viewer"])
def test_only_scrutineers(personas, answer, persona):
    with pytest.raises(PermissionDenied):
        withholding.withhold_answer(
            membership=as_member(personas[persona]), answer=answer, seen_version=answer.version, reason="Why"
        )
    answer.refresh_from_db()
    assert not answer.is_withheld


def test_a_small_groups_answer_is_not_withheld(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    survey_world.answers(survey_round, 4, texts={"PQ1": "Few of us"})
    few = TextAnswer.objects.filter(response__round=survey_round).first()
    with pytest.raises(ValidationError, match="fewer than 5"):
        withholding.withhold_answer(
            membership=as_member(personas["scrutineer"]), answer=few, seen_version=few.version, reason="Why"
        )
