"""Revoking a link marks it revoked (when, by whom, in its history), so its token is no longer a live link; a new
link can then be made for the agency, with a new token. Revoking twice is refused."""

import pytest
from django.core.exceptions import ValidationError

from surveys import rounds
from surveys.models import SurveyLink
from tests.support import survey_world
from tests.support.builders import as_member


def test_revoke_then_remake(personas, partnership, health_agency):
    lead = personas["lead"]
    survey_round = survey_world.survey_round(partnership, lead, [health_agency])
    old = survey_world.link(survey_round, health_agency, lead)
    membership = as_member(personas["scrutineer"])

    rounds.revoke_link(membership=membership, link=old)

    old.refresh_from_db()
    assert old.is_revoked and old.revoked_by == personas["scrutineer"]
    assert not SurveyLink.objects.filter(token=old.token, revoked_at__isnull=True).exists()
    latest = old.history.order_by("-history_id").first()
    assert latest.history_user == personas["scrutineer"]
    assert latest.history_change_reason == rounds.LINK_REVOKED_REASON

    new = rounds.make_link(membership=membership, survey_round=survey_round, agency=health_agency)
    assert new.token != old.token and not new.is_revoked
    assert SurveyLink.objects.get(round=survey_round, agency=health_agency, revoked_at__isnull=True) == new

    with pytest.raises(ValidationError, match="revoked already"):
        rounds.revoke_link(membership=membership, link=old)
