"""The round's findings are for those who run audits at once, and for every other member only once the round is
published: case_audits.findings.findings_for decides (the round's page calls it), [] until then. Grouped by kind."""

import pytest

from case_audits.findings import findings_for
from case_audits.models import Finding
from tests.support import audit_world
from tests.support.builders import as_member


@pytest.fixture
def audit_round(partnership, personas, health_agency):
    made = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    audit_world.finding(made, personas["lead"], "Prompt strategy discussions.", kind=Finding.Kind.GOOD_PRACTICE)
    audit_world.finding(made, personas["lead"], "Words not recorded.", kind=Finding.Kind.LEARNING)
    audit_world.finding(made, personas["lead"], "Health absent from discussions.", kind=Finding.Kind.THEME)
    return made


@pytest.mark.parametrize(
    ("who", "sees"), [("scrutineer", True), ("lead", True), ("contributor", False), ("viewer", False)]
)
def test_before_publishing(personas, audit_round, who, sees):
    assert bool(findings_for(as_member(personas[who]), audit_round)) is sees


@pytest.mark.parametrize("who", ["scrutineer", "lead", "contributor", "viewer"])
def test_once_published_grouped_by_kind(personas, audit_round, who, django_assert_max_num_queries):
    audit_round.published_at, audit_round.published_by = audit_round.created_at, personas["lead"]
    audit_round.save()

    membership = as_member(personas[who])

    with django_assert_max_num_queries(2):
        groups = findings_for(membership, audit_round)
        [finding.recommendations.all() for group in groups for finding in group.findings]

    assert [group.label for group in groups] == ["Theme across cases", "Good practice", "Learning"]


def test_an_outsider_reads_none(personas, audit_round):
    audit_round.published_at, audit_round.published_by = audit_round.created_at, personas["lead"]
    audit_round.save()

    assert findings_for(as_member(personas["outsider"]), audit_round) == []
