"""The weakest domains of a round: the (up to three) domains with the lowest share meeting the standard; ties go
to the one with more inadequate grades, then to the domain's position; said in words with the figures."""

import pytest

from case_audits.results import period_words, round_results
from tests.support import audit_world

pytestmark = pytest.mark.django_db


def test_weakest_three_in_words(partnership, personas, health_agency):
    lead = personas["lead"]
    audit_round = audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [
            {"childs_voice": "inadequate", "support": "requires_improvement", "recognition": "requires_improvement"},
            {"childs_voice": "requires_improvement", "support": "inadequate", "recognition": "requires_improvement"},
            {"childs_voice": "inadequate", "support": "requires_improvement", "risk_management": "inadequate"},
            {"childs_voice": "good", "support": "good"},
            {"childs_voice": "requires_improvement"},
        ],
    )
    results = round_results(audit_round)
    # The child's voice 1 of 5; support 2 of 5 with one inadequate and recognition 3 of 5 with none, risk 4 of 5.
    assert [row.domain.code for row in results.weakest()] == ["childs_voice", "support", "recognition"]
    assert results.weakest_words() == (
        f"Weakest in the audit of {period_words(audit_round)}: The child's voice, 1 of 5 cases good or better; "
        "Support and therapeutic help, 2 of 5 cases good or better; "
        "Recognising signs and indicators of sexual abuse, 3 of 5 cases good or better."
    )


def test_ties_go_to_more_inadequate_then_position(partnership, personas, health_agency):
    lead = personas["lead"]
    audit_round = audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [{"support": "inadequate", "childs_voice": "requires_improvement", "recognition": "requires_improvement"}],
    )
    weakest = round_results(audit_round).weakest()
    assert [row.domain.code for row in weakest] == ["support", "recognition", "childs_voice"]
