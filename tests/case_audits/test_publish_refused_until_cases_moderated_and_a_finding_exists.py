"""A round is published only when every case is moderated and it has at least one finding: until then the service
refuses, saying what is missing, and the round stays unpublished."""

import pytest
from django.core.exceptions import ValidationError

from case_audits.findings import NO_CASES, NO_FINDING, publish_round
from tests.support import audit_world
from tests.support.builders import as_member


def _refusal(personas, audit_round) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        publish_round(membership=as_member(personas["scrutineer"]), audit_round=audit_round)
    audit_round.refresh_from_db()
    assert audit_round.published_at is None
    return refused.value.messages


def test_a_round_without_cases_or_findings(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])

    assert _refusal(personas, audit_round) == [NO_CASES, NO_FINDING]


def test_unmoderated_cases_are_named(partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    audit_world.agree(audit_world.case(audit_round, personas["lead"], "MACA-01"), personas["lead"])
    audit_world.case(audit_round, personas["lead"], "MACA-02")
    audit_world.case(audit_round, personas["lead"], "MACA-03")
    audit_world.finding(audit_round, personas["lead"])

    assert _refusal(personas, audit_round) == ["Moderate MACA-02 and MACA-03 before publishing"]


def test_every_case_moderated_but_no_finding(partnership, personas, health_agency):
    audit_round = audit_world.moderated_round(partnership, personas["lead"], [health_agency], [{}, {}])

    assert _refusal(personas, audit_round) == [NO_FINDING]


def test_published_once_both_are_there(partnership, personas, health_agency):
    audit_round = audit_world.moderated_round(partnership, personas["lead"], [health_agency], [{}, {}])
    audit_world.finding(audit_round, personas["lead"])

    publish_round(membership=as_member(personas["lead"]), audit_round=audit_round)

    audit_round.refresh_from_db()
    assert audit_round.is_published and audit_round.published_by == personas["lead"]


def test_the_page_says_what_is_missing(client, partnership, personas, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    audit_world.case(audit_round, personas["lead"], "MACA-07")
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/publish/"

    page = client.get(url).content.decode()
    posted = client.post(url, {})

    assert "Moderate MACA-07 before publishing" in page and NO_FINDING in page
    assert posted.status_code == 200
    assert NO_FINDING in posted.content.decode()
    audit_round.refresh_from_db()
    assert audit_round.published_at is None
