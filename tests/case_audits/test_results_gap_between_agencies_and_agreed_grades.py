"""The gap between agencies' own grades and the agreed ones: per agency, across its submitted returns on
moderated cases, how many domain grades were more favourable than agreed, the same, or less favourable; drafts
and cases not moderated are left out; said in words."""

import pytest

from case_audits.results import agency_gaps, round_results
from tests.support import audit_world

pytestmark = pytest.mark.django_db


def test_gap_per_agency_and_domain(partnership, personas, health_agency):
    lead = personas["lead"]
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, lead, [health_agency, police])
    first, second = audit_world.case(audit_round, lead, "MACA-01"), audit_world.case(audit_round, lead, "MACA-02")
    # Health grades everything good; the meeting agreed inadequate on the child's voice and outstanding on support.
    for audit_case in (first, second):
        audit_world.agency_return(audit_case, health_agency, lead)
        audit_world.agree(audit_case, lead, {"childs_voice": "inadequate", "support": "outstanding"})
    # Police: one submitted return grading the child's voice outstanding; the other still a draft.
    audit_world.agency_return(first, police, lead, {"childs_voice": "outstanding", "recognition": None})
    audit_world.agency_return(second, police, lead, {"childs_voice": "outstanding"}, submitted=False)
    # A case not moderated yet is not compared.
    waiting = audit_world.case(audit_round, lead, "MACA-03")
    audit_world.agency_return(waiting, health_agency, lead, {"childs_voice": "outstanding"})

    gaps = agency_gaps(round_results(audit_round))

    by_name = {gap.name: gap for gap in gaps.by_agency}
    health, police_gap = by_name["Northmere Health"], by_name["Northmere Police"]
    assert (health.more_favourable, health.same, health.less_favourable) == (2, 14, 2)
    assert health.words == (
        "Northmere Health graded itself more favourably than the agreed grade in 2 of 18, less favourably in 2 "
        "and the same in 14 domain grades."
    )
    # Police: 8 graded domains (recognition left ungraded), the child's voice and support more favourable.
    assert (police_gap.more_favourable, police_gap.same, police_gap.less_favourable) == (1, 6, 1)
    by_domain = {domain.code: gap for domain, gap in gaps.by_domain}
    assert (by_domain["childs_voice"].more_favourable, by_domain["childs_voice"].same) == (3, 0)
    assert (by_domain["support"].less_favourable, by_domain["support"].same) == (3, 0)
    assert by_domain["recognition"].compared == 2


def test_words_when_nothing_is_less_favourable(partnership, personas, health_agency):
    lead = personas["lead"]
    audit_round = audit_world.moderated_round(partnership, lead, [health_agency], [{"childs_voice": "inadequate"}])
    (gap,) = agency_gaps(round_results(audit_round)).by_agency
    assert gap.words == (
        "Northmere Health graded itself more favourably than the agreed grade in 1 of 9 and the same in 8 domain "
        "grades."
    )
