"""Closing a round early records when and by whom (and in its history, with its version bumped), and the round
stops taking answers at once; closing it again, or closing one past its date, is refused."""

import pytest
from django.core.exceptions import ValidationError

from surveys import rounds
from tests.support import survey_world
from tests.support.builders import as_member


def test_closed_early(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    assert survey_round.is_open()
    version = survey_round.version

    rounds.close_round(membership=as_member(personas["scrutineer"]), survey_round=survey_round)

    survey_round.refresh_from_db()
    assert not survey_round.is_open()
    assert survey_round.closed_at is not None and survey_round.closed_by == personas["scrutineer"]
    assert survey_round.version == version + 1
    assert rounds.state_of(survey_round) == rounds.CLOSED
    latest = survey_round.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (personas["scrutineer"], rounds.CLOSED_REASON)
    with pytest.raises(ValidationError, match="closed already"):
        rounds.close_round(membership=as_member(personas["lead"]), survey_round=survey_round)


def test_one_past_its_date_is_closed_already(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=-20, closes_in_days=-1
    )
    with pytest.raises(ValidationError, match="closed already"):
        rounds.close_round(membership=as_member(personas["lead"]), survey_round=survey_round)
    survey_round.refresh_from_db()
    assert survey_round.closed_at is None
