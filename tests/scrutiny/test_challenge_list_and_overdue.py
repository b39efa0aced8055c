"""Overdue comes from the due date and the status, and shows in words; the log lists open
challenges first, filters open or all, and costs the same number of queries for 5 or 50."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scrutiny import challenges as workflow
from scrutiny.models import Challenge, ChallengeCounts, ChallengeStep
from tests.support.builders import as_member, in_days

Status = Challenge.Status
URL = "/partnerships/northmere/challenges/"


@pytest.fixture
def make(personas, partnership, health_agency):
    recommendations = {r.code: r for r in partnership.framework.recommendations.all()}

    def make(text, status=Status.AWAITING_RESPONSE, due=None, agency=health_agency, codes=("R6",)):
        due = in_days(1) if due is None else due
        challenge = Challenge.objects.create(
            partnership=partnership,
            agency=agency,
            text=text,
            status=status,
            response_due=due,
            raised_by=personas["scrutineer"],
        )
        challenge.recommendations.set([recommendations[code] for code in codes])
        ChallengeStep.objects.create(challenge=challenge, kind="raised", text=text, by=personas["scrutineer"])
        return challenge

    return make


def rows(html):
    """The log's rows, as (text, cells) with tags stripped."""
    body = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    found = []
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        cells = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd].*?</t[hd]>", row, re.S)
        ]
        found.append(cells)
    return found


def log(client, user, query=""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


# Overdue, from the date and the status


@pytest.mark.parametrize(
    "status, due_in_days, overdue",
    [
        (Status.AWAITING_RESPONSE, -1, True),
        (Status.ESCALATED, -1, True),
        (Status.AWAITING_RESPONSE, 0, False),  # due today is not yet overdue
        (Status.AWAITING_RESPONSE, 1, False),
        (Status.RESPONDED, -1, False),  # the response came: the ball is with the scrutineer
        (Status.ACCEPTED, -1, False),
    ],
)
def test_overdue_follows_the_date_and_the_status(make, partnership, status, due_in_days, overdue):
    challenge = make("A challenge", status=status, due=in_days(due_in_days))
    assert challenge.is_overdue is overdue
    assert (challenge in Challenge.objects.overdue()) is overdue
    assert partnership.challenges.counts().overdue == int(overdue)


def test_a_response_stops_it_being_overdue_and_asking_again_with_a_new_date_restarts_the_clock(make, personas):
    challenge = make("Late", due=in_days(-1))
    assert challenge.is_overdue
    workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text="Sorry, here it is.")
    assert not Challenge.objects.get(pk=challenge.pk).is_overdue
    workflow.ask_again(
        challenge=challenge,
        membership=as_member(personas["scrutineer"]),
        text="And the audit?",
        response_due=in_days(1),
    )
    assert not Challenge.objects.get(pk=challenge.pk).is_overdue
    assert not Challenge.objects.overdue(today=in_days(1)).exists()
    assert Challenge.objects.overdue(today=in_days(1) + datetime.timedelta(days=1)).get() == challenge


def test_overdue_shows_as_the_word_in_a_tag(client, personas, make):
    make("Late one", due=in_days(-1))
    make("Answered late", status=Status.RESPONDED, due=in_days(-1))
    make("In time")
    html = log(client, personas["lead"])
    assert html.count('<strong class="govuk-tag govuk-tag--red app-tag">Overdue</strong>') == 1
    by_text = {cells[0]: cells for cells in rows(html)}
    assert "Overdue" in by_text["Late one"][3]
    assert "Overdue" not in by_text["Answered late"][3] and "Overdue" not in by_text["In time"][3]


# The log


def test_log_lists_open_challenges_overdue_first_with_addressee_codes_due_date_and_status(client, personas, make):
    make("Due later", due=in_days(20), codes=("R1", "R3"))
    make("To the partnership", due=in_days(1), agency=None, status=Status.ESCALATED)
    make("Answered", status=Status.RESPONDED, due=in_days(-1) - datetime.timedelta(days=5))
    make("Overdue one", due=in_days(-1))
    make("Closed", status=Status.ACCEPTED)
    html = log(client, personas["contributor"])
    found = rows(html)
    assert [cells[0] for cells in found] == ["Overdue one", "Answered", "To the partnership", "Due later"]
    overdue, answered, partnership_wide, later = found
    assert overdue[1] == "Northmere Health" and partnership_wide[1] == "The partnership as a whole"
    assert later[2] == "R1, R3"
    assert later[3] == (in_days(20)).strftime("%-d %B %Y")
    assert overdue[4] == "Awaiting response"
    assert answered[4] == "Response received"
    assert partnership_wide[4] == "Escalated to lead safeguarding partners"
    assert "Closed" not in html
    assert "<strong>4</strong> open challenges, <strong>1</strong> overdue." in html


def test_filter_all_shows_closed_challenges_after_open_ones(client, personas, make):
    make("Closed long ago", status=Status.ACCEPTED, due=in_days(-1) - datetime.timedelta(days=30))
    make("Still open")
    html = log(client, personas["scrutineer"], "?show=all")
    assert [cells[0] for cells in rows(html)] == ["Still open", "Closed long ago"]
    assert rows(html)[1][4] == "Accepted"
    assert 'id="show-all" name="show" type="radio" value="all" checked' in html


def test_unknown_filter_means_open(client, personas, make):
    make("Closed", status=Status.ACCEPTED)
    html = log(client, personas["scrutineer"], "?show=<b>")
    assert "There are no open challenges." in html


def test_only_this_partnerships_challenges_are_listed(client, personas, world):
    html = log(client, personas["scrutineer"])
    assert "Where is health?" in html and "Castlebrook challenge" not in html


def test_raise_button_only_for_scrutineers(client, personas):
    assert "Raise a challenge" in log(client, personas["scrutineer"])
    assert "Raise a challenge" not in log(client, personas["lead"])


@pytest.mark.parametrize("query", ["", "?show=all"])
def test_list_query_count_is_the_same_for_5_and_50(client, personas, make, health_agency, query):
    client.force_login(personas["lead"])
    counts = []
    for total in [5, 50]:
        for i in range(Challenge.objects.count(), total):
            make(
                f"Challenge {i}",
                due=in_days(-1) if i % 3 == 0 else in_days(1),
                status=Status.ACCEPTED if i % 7 == 0 and query else Status.AWAITING_RESPONSE,
                agency=None if i % 2 else health_agency,
                codes=("R1", "R2") if i % 2 else ("R6",),
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL + query)
        assert response.status_code == 200
        assert response.content.decode().count('<tr class="govuk-table__row">') == total + 1
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# Helpers for the overview and the recommendation page


def test_helpers_for_other_pages(make, partnership):
    r1 = partnership.framework.recommendations.get(code="R1")
    make("R1 late", due=in_days(-1), codes=("R1",))
    make("R1 and R6", codes=("R1", "R6"))
    make("R6 closed", status=Status.ACCEPTED, codes=("R6",))
    assert partnership.challenges.counts() == ChallengeCounts(open=2, overdue=1)
    assert partnership.challenges.counts_by_recommendation() == {
        "R1": ChallengeCounts(open=2, overdue=1),
        "R6": ChallengeCounts(open=1, overdue=0),
    }
    assert [c.text for c in partnership.challenges.for_log().filter(recommendations=r1)] == ["R1 late", "R1 and R6"]
    first = partnership.challenges.for_log().first()
    assert first.is_overdue and [r.code for r in first.recommendation_list] == ["R1"]
