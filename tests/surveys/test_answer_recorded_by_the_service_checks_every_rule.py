"""surveys/answering.record_answer checks every rule again, whatever a form said, and writes all or nothing: the
link live, the round open, every area on the scale, the fixed lists, and each text's limit, characters and
identifiers."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from surveys import answering
from surveys.answering import AreaChoice, RoundNotOpen, record_answer
from surveys.models import ANSWER_LIMIT
from tests.support import survey_world
from tests.support.survey_answers import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(partnership, personas, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    return survey_world.link(survey_round, health_agency, personas["scrutineer"])


def arguments(link, **changes):
    areas = {area.code: AreaChoice(confidence=4, trained=True) for area in link.round.template.areas.all()}
    return {"agency_type": "health", "role_band": "frontline", "areas": areas, "texts": {"PQ1": "Listen."}} | changes


def test_a_whole_answer_is_written(link):
    record_answer(link=link, **arguments(link))

    assert stored() == (1, 5, 1)


REFUSED = {
    "confidence off the scale": (
        lambda link: {"areas": {**arguments(link)["areas"], "talking": AreaChoice(confidence=6, trained=True)}},
        "confidence_talking",
    ),
    "an area missing": (
        lambda link: {"areas": {k: v for k, v in arguments(link)["areas"].items() if k != "probation"}},
        "confidence_probation",
    ),
    "trained not yes or no": (
        lambda link: {"areas": {**arguments(link)["areas"], "talking": AreaChoice(confidence=3, trained="yes")}},
        "trained_talking",
    ),
    "unknown agency type": (lambda link: {"agency_type": "martians"}, "agency_type"),
    "unknown role band": (lambda link: {"role_band": "chief"}, "role_band"),
    "text too long": (lambda link: {"texts": {"PQ2": "a" * (ANSWER_LIMIT + 1)}}, "answer_PQ2"),
    "control characters": (lambda link: {"texts": {"PQ2": "a\x1bb"}}, "answer_PQ2"),
    "an identifier": (lambda link: {"texts": {"PQ3": "Post to NE1 4ST"}}, "answer_PQ3"),
    "a question not asked": (lambda link: {"texts": {"Q1": "Scrutineer's question"}}, "__all__"),
}


@pytest.mark.parametrize(("change", "field"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_with_nothing_written(link, change, field):
    with pytest.raises(ValidationError) as refused:
        record_answer(link=link, **arguments(link, **change(link)))

    assert field in refused.value.message_dict
    assert stored() == (0, 0, 0)


def test_a_link_revoked_meanwhile_or_a_round_closed_meanwhile_takes_nothing(link, personas):
    link.round.closed_at, link.round.closed_by = timezone.now(), personas["scrutineer"]
    link.round.save()
    with pytest.raises(RoundNotOpen):
        record_answer(link=link, **arguments(link))
    link.revoked_at, link.revoked_by = timezone.now(), personas["scrutineer"]
    link.save()

    with pytest.raises(RoundNotOpen, match="no longer works"):
        record_answer(link=link, **arguments(link))
    assert stored() == (0, 0, 0)


def test_past_its_closing_day_nothing_is_taken(link):
    with pytest.raises(RoundNotOpen, match="closed at the end of"):
        record_answer(link=link, today=link.round.closes_on + timezone.timedelta(days=1), **arguments(link))
    assert answering.not_open_reason(link.round) is None
