"""Publishing is recorded in the round's history, attributed to who published it; a published round is not
published again (there is no unpublishing: a correction is an edit, in the history)."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.findings import ALREADY_PUBLISHED, PUBLISHED_REASON, publish_round
from tests.support import audit_world
from tests.support.builders import as_member


def test_history_names_the_publisher(client, partnership, personas, health_agency):
    audit_round = audit_world.moderated_round(partnership, personas["lead"], [health_agency], [{}])
    audit_world.finding(audit_round, personas["lead"])
    client.force_login(personas["scrutineer"])

    response = client.post(f"/partnerships/northmere/audits/{audit_round.pk}/publish/", {})

    assert response.status_code == 302
    latest = audit_round.history.latest("history_id")
    assert latest.history_user == personas["scrutineer"]
    assert latest.history_change_reason == PUBLISHED_REASON
    assert latest.published_at is not None


def test_a_published_round_is_not_published_again(partnership, personas, health_agency):
    audit_round = audit_world.moderated_round(partnership, personas["lead"], [health_agency], [{}], published=True)
    audit_world.finding(audit_round, personas["lead"])

    with pytest.raises(ValidationError) as refused:
        publish_round(membership=as_member(personas["scrutineer"]), audit_round=audit_round)

    assert refused.value.messages == [ALREADY_PUBLISHED]
