"""The recommendation page lists its open challenges in the log's order and counts them from that list:
the counts must agree with the overview's, which come from one query over every recommendation."""

import pytest

from scrutiny.models import Challenge, ChallengeCounts
from tests.support.builders import in_days

Status = Challenge.Status


@pytest.fixture
def make(personas, partnership, health_agency):
    recommendations = {r.code: r for r in partnership.framework.recommendations.all()}

    def make(text, status=Status.AWAITING_RESPONSE, days=1, codes=("R1",)):
        challenge = Challenge.objects.create(
            partnership=partnership,
            agency=health_agency,
            text=text,
            status=status,
            response_due=in_days(days),
            raised_by=personas["scrutineer"],
        )
        challenge.recommendations.set([recommendations[code] for code in codes])
        return challenge

    return make


def test_open_challenges_about_a_recommendation_come_overdue_first_then_by_due_date(make, partnership):
    make("due later", days=9)
    make("overdue lately", days=-1)
    make("due soon", days=2)
    make("escalated long ago", status=Status.ESCALATED, days=-30)
    make("answered, past its date", status=Status.RESPONDED, days=-5)  # not overdue: it has a response
    make("closed", status=Status.ACCEPTED, days=-60)
    make("about R6 only", days=-3, codes=("R6",))
    r1 = partnership.framework.recommendations.get(code="R1")

    found = partnership.challenges.open_about(r1)

    assert [c.text for c in found] == [
        "escalated long ago",
        "overdue lately",
        "answered, past its date",
        "due soon",
        "due later",
    ]
    assert [c.text for c in found] == [c.text for c in partnership.challenges.for_log().filter(recommendations=r1)]


def test_counts_by_recommendation_count_each_challenge_once_per_code(make, partnership):
    make("R1 and R6, overdue", days=-1, codes=("R1", "R6"))
    make("R1, escalated and overdue", status=Status.ESCALATED, days=-2)
    make("R6, answered", status=Status.RESPONDED, days=-2, codes=("R6",))
    make("R2, closed", status=Status.ACCEPTED, codes=("R2",))

    assert partnership.challenges.counts_by_recommendation() == {
        "R1": ChallengeCounts(open=2, overdue=2),
        "R6": ChallengeCounts(open=2, overdue=1),
    }


def test_recommendation_page_and_overview_give_the_same_counts(client, personas, make):
    make("R1 overdue", days=-1)
    make("R1 due", days=3)
    client.force_login(personas["lead"])
    overview = client.get("/partnerships/northmere/").content.decode()
    page = client.get("/partnerships/northmere/recommendations/R1/").content.decode()
    assert "2 open challenges (1 overdue)" in " ".join(overview.split('id="R1-hint"')[1].split("</div>")[0].split())
    assert "2, <strong>1 overdue</strong>" in page
