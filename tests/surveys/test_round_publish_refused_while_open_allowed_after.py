"""A round is published only once closed (early, or past its closing date): refused while open or not yet open,
allowed after, recorded (when, by whom, history), and refused a second time."""

import pytest
from django.core.exceptions import ValidationError

from surveys import rounds
from tests.support import survey_world
from tests.support.builders import as_member


@pytest.mark.parametrize(("opens", "closes"), [(-7, 21), (3, 10)], ids=["open", "not-open-yet"])
def test_refused_until_closed(personas, partnership, health_agency, opens, closes):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=opens, closes_in_days=closes
    )
    with pytest.raises(ValidationError) as refused:
        rounds.publish_round(membership=as_member(personas["lead"]), survey_round=survey_round)
    assert refused.value.messages == [rounds.NOT_CLOSED]
    survey_round.refresh_from_db()
    assert not survey_round.is_published


def test_allowed_once_closed_early(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    membership = as_member(personas["scrutineer"])
    rounds.close_round(membership=membership, survey_round=survey_round)
    rounds.publish_round(membership=membership, survey_round=survey_round)
    survey_round.refresh_from_db()
    assert survey_round.is_published and survey_round.published_by == personas["scrutineer"]
    assert rounds.state_of(survey_round) == rounds.PUBLISHED
    latest = survey_round.history.order_by("-history_id").first()
    assert latest.history_change_reason == rounds.PUBLISHED_REASON
    with pytest.raises(ValidationError, match="published already"):
        rounds.publish_round(membership=membership, survey_round=survey_round)


def test_allowed_after_its_closing_date(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=-30, closes_in_days=-1
    )
    rounds.publish_round(membership=as_member(personas["lead"]), survey_round=survey_round)
    survey_round.refresh_from_db()
    assert survey_round.is_published
