"""Moderating marks the case moderated (which locks its submitted returns) and bumps its version, in its history
by the moderator; a save from a page opened before another moderation is refused, writing nothing."""

import pytest

from case_audits.models import AgreedGrade
from case_audits.moderation import MODERATED_REASON, moderate_case
from common.versioning import StaleEdit
from tests.case_audits.moderation_support import agreed, round_with_a_case
from tests.support.builders import as_member


def test_the_case_is_marked_moderated(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(partnership, personas, health_agency)

    moderate_case(
        membership=as_member(personas["scrutineer"]),
        audit_case=audit_case,
        seen_version=0,
        grades=agreed(audit_case),
        reasons={},
    )

    audit_case.refresh_from_db()
    assert audit_case.is_moderated and audit_case.moderated_by == personas["scrutineer"]
    assert audit_case.version == 1
    latest = audit_case.history.latest("history_id")
    assert (latest.history_user, latest.history_change_reason) == (personas["scrutineer"], MODERATED_REASON)


def test_a_stale_moderation_is_refused(partnership, personas, health_agency):
    _, audit_case = round_with_a_case(partnership, personas, health_agency)
    moderate_case(
        membership=as_member(personas["lead"]),
        audit_case=audit_case,
        seen_version=0,
        grades=agreed(audit_case),
        reasons={},
    )

    with pytest.raises(StaleEdit):
        moderate_case(
            membership=as_member(personas["scrutineer"]),
            audit_case=audit_case,
            seen_version=0,
            grades=agreed(audit_case, grade="inadequate"),
            reasons=dict.fromkeys(agreed(audit_case), "Worse than it looked."),
        )

    assert set(AgreedGrade.objects.values_list("grade__code", flat=True)) == {"good"}
    audit_case.refresh_from_db()
    assert audit_case.moderated_by == personas["lead"] and audit_case.version == 1


def test_the_page_shows_the_stale_refusal(client, partnership, personas, health_agency):
    from tests.case_audits.moderation_support import moderation_post

    audit_round, audit_case = round_with_a_case(partnership, personas, health_agency)
    moderate_case(
        membership=as_member(personas["lead"]),
        audit_case=audit_case,
        seen_version=0,
        grades=agreed(audit_case),
        reasons={},
    )
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/{audit_case.pk}/moderate/"

    response = client.post(url, moderation_post(audit_case, agreed(audit_case), version=0))

    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    assert response.context["saved_since"]
