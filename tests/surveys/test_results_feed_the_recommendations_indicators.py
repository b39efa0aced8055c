"""The share of confident practitioners feeds the suggested indicator its area names (R5's I-R5-CONFIDENT): a lead
records it for a period, as a percentage with the counts as numerator and denominator, through the indicators' own
rules (a period already recorded is refused); refused when fewer than 5 answered; a scrutineer may not record."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.models import Value
from scrutiny.survey_indicators import TOO_FEW, record_shares
from tests.support import survey_world
from tests.support.builders import as_member

pytestmark = pytest.mark.django_db


def closed(partnership, personas, health_agency, **options):
    return survey_world.survey_round(partnership, personas["lead"], [health_agency], closes_in_days=-1, **options)


def test_a_lead_records_the_confident_share(client, partnership, personas, health_agency):
    survey_round = closed(partnership, personas, health_agency)
    survey_world.answers(survey_round, 4, confidence=5)
    survey_world.answers(survey_round, 2, confidence=2)
    lead = as_member(personas["lead"])
    [value] = record_shares(membership=lead, survey_round=survey_round, period="2026-27")
    assert value.indicator.code == "I-R5-CONFIDENT"
    assert (value.value, value.numerator, value.denominator) == (Decimal("66.7"), 4, 6)
    assert value.history.get().history_user == personas["lead"]
    with pytest.raises(ValidationError, match="recorded already"):
        record_shares(membership=lead, survey_round=survey_round, period="2026-27")
    client.force_login(personas["lead"])
    url = f"/partnerships/northmere/surveys/{survey_round.pk}/indicators/"
    assert "66.7%" in client.get(url).content.decode()
    response = client.post(url, {"period": "2027-28"})
    assert response.status_code == 302
    assert Value.objects.filter(indicator__code="I-R5-CONFIDENT").count() == 2


def test_refused_under_five_and_for_a_scrutineer(client, partnership, personas, health_agency):
    few = closed(partnership, personas, health_agency)
    survey_world.answers(few, 4)
    with pytest.raises(ValidationError, match=TOO_FEW.split(",")[0]):
        record_shares(membership=as_member(personas["lead"]), survey_round=few, period="2026-27")
    enough = closed(partnership, personas, health_agency)
    survey_world.answers(enough, 5)
    with pytest.raises(PermissionDenied):
        record_shares(membership=as_member(personas["scrutineer"]), survey_round=enough, period="2026-27")
    client.force_login(personas["scrutineer"])
    assert (
        client.post(f"/partnerships/northmere/surveys/{enough.pk}/indicators/", {"period": "2026-27"}).status_code
        == 403
    )
    assert not Value.objects.exists()
