"""In a real Chromium: the scrutineer raises a challenge to the health agency, the agency's
contributor answers it, and the scrutineer accepts it.

Each page is checked with axe-core for WCAG 2.2 A and AA and saved as a screenshot under
test-artifacts/.
"""

import datetime

import pytest
from django.utils import timezone

from scrutiny.models import Challenge, ChallengeStep
from tests.support.browser import check_page, sign_in, sign_out
from tests.support.builders import as_member

pytestmark = pytest.mark.browser


def test_challenge_raised_answered_and_accepted(transactional_db, live_server, personas, browser_page):
    page = browser_page
    base = live_server.url
    log = base + "/partnerships/northmere/challenges/"
    due = timezone.localdate() + datetime.timedelta(days=28)

    # The scrutineer raises a challenge to the health agency.
    sign_in(page, base, "scrutineer")
    page.goto(log)
    page.get_by_role("heading", name="Challenge log").wait_for()
    assert page.get_by_text("There are no open challenges.").is_visible()
    check_page(page, "challenge-01-empty-log")

    page.get_by_role("button", name="Raise a challenge").click()
    page.get_by_role("heading", name="Raise a challenge").wait_for()
    check_page(page, "challenge-02-form")

    page.get_by_role("button", name="Raise challenge").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_role("link", name="Enter your challenge").is_visible()
    assert page.get_by_role("link", name="Select at least one recommendation the challenge is about").is_visible()
    check_page(page, "challenge-03-form-errors")

    text = page.get_by_label("Your challenge")
    text.fill("The strategy discussion audit shows no further action in most cases. Show how health took part.")
    # The language guidance appears as the scrutineer types.
    page.get_by_text("Instead of “no further action”").first.wait_for()
    page.get_by_label("Who is the challenge to?").select_option(label="Northmere Health")
    page.get_by_label("R6: Health").check()
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    check_page(page, "challenge-04-form-filled")
    page.get_by_role("button", name="Raise challenge").click()
    page.get_by_text("Challenge raised. A response from Northmere Health is due by").wait_for()
    page.get_by_role("heading", name="Challenge to Northmere Health").wait_for()
    assert page.get_by_text("Instead of “no further action”").first.is_visible()
    check_page(page, "challenge-05-raised")

    challenge = Challenge.objects.get()
    page.goto(log)
    assert page.get_by_role("link", name="The strategy discussion audit").is_visible()
    check_page(page, "challenge-06-log-open")
    sign_out(page)

    # The health contributor answers it.
    sign_in(page, base, "contributor")
    page.goto(base + challenge.get_absolute_url())
    page.get_by_role("heading", name="Respond to the challenge").wait_for()
    assert page.get_by_role("button", name="Accept response").count() == 0
    page.get_by_label("Your response").fill(
        "Health now attends every strategy discussion; the March audit found health present in 18 of 20."
    )
    page.get_by_role("button", name="Send response").click()
    page.get_by_text("Response sent.").wait_for()
    check_page(page, "challenge-07-responded")
    sign_out(page)

    # The scrutineer accepts it.
    sign_in(page, base, "scrutineer")
    page.goto(base + challenge.get_absolute_url())
    page.get_by_role("heading", name="Accept the response").wait_for()
    check_page(page, "challenge-08-scrutineer-choices")
    page.get_by_label("Note (optional)").fill("Evidence seen in the March audit.")
    page.get_by_role("button", name="Accept response").click()
    page.get_by_text("Response accepted. The challenge is closed.").wait_for()
    assert page.get_by_text("The scrutineer accepted the response. The challenge is closed.").is_visible()
    check_page(page, "challenge-09-accepted")

    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.ACCEPTED
    assert [(s.kind, s.by.username) for s in challenge.steps.all()] == [
        (ChallengeStep.Kind.RAISED, "scrutineer"),
        (ChallengeStep.Kind.RESPONSE, "contributor"),
        (ChallengeStep.Kind.ACCEPTED, "scrutineer"),
    ]

    page.goto(log + "?show=all")
    assert page.get_by_role("cell", name="Accepted").is_visible()
    check_page(page, "challenge-10-log-all")


def test_overdue_and_escalated_challenges_are_accessible(
    transactional_db, live_server, personas, safeguarding_partners, browser_page
):
    """The log and a detail page with an overdue, escalated challenge, the lead safeguarding partners it
    went to, and the response form of the one who answers in the service (the police's delegate)."""
    from scrutiny import challenges as workflow

    partnership = personas["scrutineer"].memberships.get().partnership
    challenge = workflow.raise_challenge(
        membership=as_member(personas["scrutineer"]),
        text="Where is the partnership's strategy for children at risk of sexual abuse in the family?",
        agency=None,
        recommendations=list(partnership.framework.recommendations.filter(code__in=["R1", "R2"])),
        response_due=timezone.localdate(),
    )
    workflow.escalate(
        challenge=challenge, membership=as_member(personas["scrutineer"]), text="No answer after two reminders."
    )
    Challenge.objects.filter(pk=challenge.pk).update(response_due=timezone.localdate() - datetime.timedelta(days=3))

    page = browser_page
    sign_in(page, live_server.url, "police-partner")
    page.goto(live_server.url + "/partnerships/northmere/challenges/")
    assert page.get_by_text("Overdue", exact=True).is_visible()
    check_page(page, "challenge-11-log-overdue")

    page.goto(live_server.url + challenge.get_absolute_url())
    assert page.get_by_text("Sam Whitfield, Chief Executive, Northmere Integrated Care Board").is_visible()
    page.get_by_role("heading", name="Respond to the challenge").wait_for()
    page.get_by_role("button", name="Send response").click()
    page.get_by_text("There is a problem").wait_for()
    check_page(page, "challenge-12-escalated-response-error")
