"""An agency has one live link per round: a second is refused by the service with a message, and by the database
should two be made at once; a link for an agency not taking part is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from surveys import rounds
from surveys.models import SurveyLink
from tests.support import survey_world
from tests.support.audit_world import police_agency
from tests.support.builders import as_member


def test_second_live_link_refused(personas, partnership, health_agency):
    lead = personas["lead"]
    survey_round = survey_world.survey_round(partnership, lead, [health_agency])
    survey_world.link(survey_round, health_agency, lead)
    for _ in range(2):
        with pytest.raises(ValidationError, match="has a live link already"):
            rounds.make_link(membership=as_member(lead), survey_round=survey_round, agency=health_agency)
    assert SurveyLink.objects.filter(round=survey_round).count() == 1


def test_the_database_refuses_a_second_too(personas, partnership, health_agency):
    lead = personas["lead"]
    survey_round = survey_world.survey_round(partnership, lead, [health_agency])
    survey_world.link(survey_round, health_agency, lead)
    with pytest.raises(IntegrityError), transaction.atomic():
        survey_world.link(survey_round, health_agency, lead)


def test_an_agency_not_taking_part_is_refused(personas, partnership, health_agency):
    lead = personas["lead"]
    survey_round = survey_world.survey_round(partnership, lead, [health_agency])
    with pytest.raises(ValidationError, match="does not take part"):
        rounds.make_link(membership=as_member(lead), survey_round=survey_round, agency=police_agency(partnership))
    assert not SurveyLink.objects.exists()
