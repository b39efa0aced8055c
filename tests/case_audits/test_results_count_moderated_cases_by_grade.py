"""A round's results count the agreed grades of moderated cases only, per domain and grade; the rest are 'not
moderated yet'; the share meeting the standard is 'n of m' of the moderated cases."""

import pytest

from case_audits.results import round_results, standard_words
from tests.support import audit_world

pytestmark = pytest.mark.django_db


def test_counts_by_domain_and_grade(partnership, personas, health_agency):
    lead = personas["lead"]
    audit_round = audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [
            {"childs_voice": "inadequate", "recognition": "outstanding"},
            {"childs_voice": "requires_improvement"},
            {"childs_voice": "inadequate"},
        ],
    )
    waiting = audit_world.case(audit_round, lead, "MACA-09")
    # Agreed grades of a case whose moderation is not finished are not counted.
    audit_world.agree(waiting, lead, {"childs_voice": "outstanding"})
    waiting.moderated_at = None
    waiting.save(update_fields=["moderated_at"])

    results = round_results(audit_round)

    assert (results.cases, results.moderated_cases, results.not_moderated_cases) == (4, 3, 1)
    assert [grade.code for grade in results.grades] == ["outstanding", "good", "requires_improvement", "inadequate"]
    assert results.standard == "good or better" == standard_words(results.grades)
    rows = {row.domain.code: row for row in results.domains}
    assert len(rows) == 9
    assert rows["childs_voice"].counts == [0, 0, 1, 2]
    assert rows["childs_voice"].not_moderated == 1
    assert rows["childs_voice"].share_words == "0 of 3"
    assert rows["recognition"].counts == [1, 2, 0, 0]
    assert rows["recognition"].share_words == "3 of 3"
    assert rows["overall"].counts == [0, 3, 0, 0]


def test_a_round_with_nothing_moderated(partnership, personas, health_agency):
    lead = personas["lead"]
    audit_round = audit_world.audit_round(partnership, lead, [health_agency])
    audit_world.case(audit_round, lead)
    results = round_results(audit_round)
    assert results.moderated_cases == 0
    assert all(row.share_words == "No case moderated" and row.not_moderated == 1 for row in results.domains)
    assert results.weakest_words() == ""
