"""A re-audit is compared with the same partnership's latest earlier round on the SAME tool that has moderated
cases (for those who do not run audits, a published one): per domain, the share meeting the standard then and
now, and better, worse or no change. A round on the other tool is never the earlier round."""

import pytest

from case_audits.results import BETTER, NO_CHANGE, WORSE, compare, earlier_round, results_of
from tests.support import audit_world
from tests.support.builders import as_member, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(partnership, personas, health_agency):
    lead = personas["lead"]

    def made(title, days, cases, **options):
        return audit_world.moderated_round(
            partnership,
            lead,
            [health_agency],
            cases,
            title=title,
            period_start=in_days(days - 90),
            period_end=in_days(days),
            **options,
        )

    oldest = made("Oldest", -500, [{"childs_voice": "outstanding"}], published=True)
    earlier = made("Earlier", -400, [{"childs_voice": "inadequate", "recognition": "inadequate"}, {}], published=True)
    # On the other tool, between the two: never compared.
    made("Sibling harm", -300, [{"childs_voice": "inadequate"}], tool_code=audit_world.SHORT_TOOL, published=True)
    # Unpublished, between the two: compared for those who run audits only.
    unpublished = made("Unpublished", -250, [{"recognition": "inadequate"}])
    now = made(
        "Now",
        -100,
        [{"childs_voice": "good", "recognition": "inadequate"}, {"recognition": "inadequate"}],
        published=True,
    )
    # Later than now, and a round with no moderated case: neither is earlier.
    made("Later", -50, [{}], published=True)
    empty = audit_world.audit_round(partnership, lead, [health_agency], title="Empty", period_end=in_days(-200))
    audit_world.case(empty, lead)
    return {"oldest": oldest, "earlier": earlier, "unpublished": unpublished, "now": now}


def test_viewers_compare_with_the_latest_earlier_published_round_on_the_same_tool(rounds, personas):
    viewer = as_member(personas["viewer"])
    earlier = earlier_round(rounds["now"], viewer)
    assert earlier == rounds["earlier"]
    found = results_of([earlier, rounds["now"]])
    comparison = compare(found[earlier.pk], found[rounds["now"].pk])
    rows = {row.domain.code: row for row in comparison.domains}
    assert (rows["childs_voice"].then.share_words, rows["childs_voice"].now.share_words) == ("1 of 2", "2 of 2")
    assert rows["childs_voice"].word == BETTER
    assert (rows["recognition"].then.share_words, rows["recognition"].now.share_words) == ("1 of 2", "0 of 2")
    assert rows["recognition"].word == WORSE
    assert rows["overall"].word == NO_CHANGE
    assert comparison.words == (
        f"Against the audit of {found[earlier.pk].period}, of 9 domains: better in 1, worse in 1 and no change in 7."
    )


def test_those_who_run_audits_compare_with_an_unpublished_round_too(rounds, personas):
    assert earlier_round(rounds["now"], as_member(personas["scrutineer"])) == rounds["unpublished"]


def test_the_first_round_has_nothing_to_compare_with(rounds, personas):
    assert earlier_round(rounds["oldest"], as_member(personas["lead"])) is None


def test_a_domain_with_no_moderated_case_is_not_compared(rounds, partnership, personas, health_agency):
    lead = personas["lead"]
    later = audit_world.audit_round(partnership, lead, [health_agency], period_end=in_days(-10))
    audit_world.case(later, lead)
    found = results_of([rounds["now"], later])
    comparison = compare(found[rounds["now"].pk], found[later.pk])
    row = comparison.domains[0]
    assert row.word == ""
    assert row.missing_words == "No moderated case in this round: not compared."
    assert comparison.words.endswith("of 9 domains: not compared in 9.")


def test_rounds_on_different_tools_are_never_compared(partnership, personas, health_agency):
    lead = personas["lead"]
    full = audit_world.moderated_round(partnership, lead, [health_agency], [{}])
    short = audit_world.moderated_round(
        partnership, lead, [health_agency], [{}], tool_code=audit_world.SHORT_TOOL, period_end=in_days(-20)
    )
    assert earlier_round(short, as_member(lead)) is None
    found = results_of([full, short])
    with pytest.raises(ValueError, match="same audit tool"):
        compare(found[full.pk], found[short.pk])
