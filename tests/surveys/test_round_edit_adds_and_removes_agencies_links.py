"""Changing a round: an agency added gets a live link, one removed has its link revoked (allowed after answers,
which never know their agency); the template cannot change once anyone has answered; a closing date moved into
the past, a stale save and a change to a published round are refused."""

import pytest
from django.core.exceptions import ValidationError

from common.versioning import StaleEdit
from surveys import rounds
from surveys.models import SurveyTemplate
from tests.support import survey_world
from tests.support.audit_world import police_agency
from tests.support.builders import as_member, in_days


def _change(survey_round, membership, **changes):
    definition = {
        "title": survey_round.title,
        "template": survey_round.template,
        "opens_on": survey_round.opens_on,
        "closes_on": survey_round.closes_on,
        "agencies": list(survey_round.agencies.all()),
        **changes,
    }
    return rounds.update_round(
        membership=membership, survey_round=survey_round, seen_version=survey_round.version, **definition
    )


def test_agencies_added_and_removed(personas, partnership, health_agency):
    lead = personas["lead"]
    police = police_agency(partnership)
    survey_round = survey_world.survey_round(partnership, lead, [health_agency])
    health_link = survey_world.link(survey_round, health_agency, lead)
    survey_world.answers(survey_round, 2)

    assert _change(survey_round, as_member(lead), agencies=[police]) is True

    health_link.refresh_from_db()
    assert health_link.is_revoked
    assert survey_round.links.get(agency=police, revoked_at__isnull=True).created_by == lead
    assert survey_round.responses.count() == 2
    assert set(survey_round.agencies.all()) == {police}
    assert survey_round.history.order_by("-history_id").first().history_user == lead


def test_unchanged_is_nothing(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    assert _change(survey_round, as_member(personas["lead"])) is False


def test_template_fixed_once_answered(personas, partnership, health_agency):
    lead = personas["lead"]
    survey_round = survey_world.survey_round(partnership, lead, [health_agency])
    other = SurveyTemplate.objects.create(
        framework=partnership.framework,
        code="OTHER",
        name="Other",
        confidence_scale=["a", "b", "c", "d", "e"],
        confident_from=4,
        role_bands=[{"code": "frontline", "label": "Frontline"}],
    )
    survey_world.answer(survey_round)
    with pytest.raises(ValidationError) as refused:
        _change(survey_round, as_member(lead), template=other)
    assert refused.value.message_dict["template"] == [rounds.TEMPLATE_FIXED]


def test_closing_date_moved_into_the_past_refused(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    with pytest.raises(ValidationError) as refused:
        _change(survey_round, as_member(personas["lead"]), closes_on=in_days(-1))
    assert refused.value.message_dict["closes_on"] == [rounds.CLOSES_IN_THE_PAST]


def test_a_closed_rounds_title_can_change(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=-30, closes_in_days=-2
    )
    assert _change(survey_round, as_member(personas["lead"]), title="Renamed") is True


def test_stale_refused(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency])
    seen = survey_round.version
    _change(survey_round, as_member(personas["lead"]), title="First")
    with pytest.raises(StaleEdit):
        rounds.update_round(
            membership=as_member(personas["scrutineer"]),
            survey_round=survey_round,
            seen_version=seen,
            title="Second",
            template=survey_round.template,
            opens_on=survey_round.opens_on,
            closes_on=survey_round.closes_on,
            agencies=[health_agency],
        )


def test_published_round_fixed(personas, partnership, health_agency):
    survey_round = survey_world.survey_round(
        partnership, personas["lead"], [health_agency], opens_in_days=-30, closes_in_days=-2, published=True
    )
    with pytest.raises(ValidationError, match="published"):
        _change(survey_round, as_member(personas["lead"]), title="Renamed")
