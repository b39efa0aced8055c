"""A round is refused, nothing saved, with the closing date before the opening date or in the past, no agency,
another partnership's agency, another framework's template or no title; contributors and viewers cannot open one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.models import Agency
from surveys import rounds
from surveys.models import SurveyLink, SurveyRound
from tests.support import survey_world
from tests.support.builders import as_member, in_days


def _open(membership, partnership, agencies, **changes):
    definition = {
        "title": "Practitioners' voice",
        "template": survey_world.template(partnership),
        "opens_on": in_days(0),
        "closes_on": in_days(14),
        "agencies": agencies,
        **changes,
    }
    return rounds.create_round(membership=membership, **definition)


BAD = [
    ({"closes_on": in_days(-1), "opens_on": in_days(-10)}, "closes_on", rounds.CLOSES_IN_THE_PAST),
    ({"closes_on": in_days(3), "opens_on": in_days(5)}, "closes_on", rounds.CLOSES_BEFORE_OPENING),
    ({"agencies": []}, "agencies", rounds.AGENCY_REQUIRED),
    ({"title": "   "}, "title", "Enter a title for the round"),
    ({"template": None}, "template", rounds.TEMPLATE_REQUIRED),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[field for _, field, _ in BAD])
def test_refused(personas, partnership, health_agency, change, field, message):
    with pytest.raises(ValidationError) as refused:
        _open(as_member(personas["lead"]), partnership, **{"agencies": [health_agency], **change})
    assert refused.value.message_dict[field] == [message]
    assert not SurveyRound.objects.exists()
    assert not SurveyLink.objects.exists()


def test_another_partnerships_agency_is_refused(personas, partnership, other_partnership):
    theirs = Agency.objects.create(partnership=other_partnership, name="Castlebrook Police", type="police")
    with pytest.raises(ValidationError) as refused:
        _open(as_member(personas["lead"]), partnership, [theirs])
    assert "agencies" in refused.value.message_dict
    assert not SurveyRound.objects.exists()


def test_closing_today_is_allowed(personas, partnership, health_agency):
    made = _open(as_member(personas["lead"]), partnership, [health_agency], opens_on=in_days(-3), closes_on=in_days(0))
    assert made.is_open()


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_only_those_who_run_surveys(personas, partnership, health_agency, persona):
    with pytest.raises(PermissionDenied):
        _open(as_member(personas[persona]), partnership, [health_agency])
    assert not SurveyRound.objects.exists()
