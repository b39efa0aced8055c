"""In a real Chromium (issue 16), a whole multi-agency case audit: a partnership manager starts a round on the
focused sibling-harm tool with Northmere Health and Northmere Police taking part and adds three cases (a case
reference that is a date of birth refused first); each agency's contributor completes their returns (a return
submitted with a domain ungraded refused first, naming it); the scrutineer moderates every case (an agreed grade
that differs from the police's own, without a reason, refused first), writes a finding and turns it into an action
and an evidence item in one step, publishes the round, and reads the results on the round's results page and on
R5's page. axe-core checks every page for WCAG 2.2 A and AA; the screenshots are test-artifacts/case-audit-*.png."""

import datetime

import pytest
from django.utils import timezone

from case_audits.models import AgencyReturn, AgreedGrade, AuditRound, Finding
from partnerships.models import Membership
from tests.support import audit_world
from tests.support.browser import check_page, sign_in, sign_out
from tests.support.builders import make_member

pytestmark = pytest.mark.browser

TOOL = "Focused audit: harm by a sibling"
DOMAINS = ["Plans for every child in the family", "The child's voice", "Support and therapeutic help", "Overall"]
CASES = ["NM-SH-01", "NM-SH-02", "NM-SH-03"]


def fill_date(group, day: datetime.date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def grade(page, domain: str, label: str, rationale: str = "") -> None:
    page.get_by_role("group", name=domain).get_by_label(label, exact=True).check()
    if rationale:
        page.get_by_label(f"Why this grade for “{domain}”?").fill(rationale)


def complete_returns(page, base, username, round_url, *, voice="Good"):
    sign_in(page, base, username)
    for number, reference in enumerate(CASES):
        page.goto(round_url)
        page.get_by_role("link", name=f"Complete the return on {reference}").click()
        page.get_by_role("heading", name=DOMAINS[0]).first.wait_for()
        for domain in DOMAINS:
            grade(page, domain, voice if domain == "The child's voice" else "Good", "Seen in the agency's records.")
        page.get_by_label("Strengths").fill("Prompt strategy discussion with health present.")
        page.get_by_label("Learning").fill("Plan for the child who harmed at the same time as the others.")
        if number == 0 and username == "contributor":
            check_page(page, "case-audit-04-return-form")
        page.get_by_role("button", name="Submit return").click()
        page.get_by_text("Return submitted").first.wait_for()
    sign_out(page)


def test_a_round_is_run_moderated_acted_on_and_read(
    transactional_db, live_server, personas, world, health_agency, browser_page
):
    page, base = browser_page, live_server.url
    partnership = health_agency.partnership
    police = audit_world.police_agency(partnership)
    make_member("police-contributor", partnership, Membership.Role.CONTRIBUTOR, police)

    # The partnership manager starts a round and adds three cases.
    sign_in(page, base, "lead")
    page.goto(f"{base}/partnerships/northmere/")
    page.get_by_role("link", name="Multi-agency case audits").click()
    page.get_by_role("heading", name="Multi-agency case audits").first.wait_for()
    check_page(page, "case-audit-01-list")
    page.get_by_role("button", name="Start an audit round").click()
    page.get_by_label("Title").fill("Sibling harm: focused audit")
    page.get_by_label("Theme").fill("Plans for every child in the family where a sibling has harmed.")
    page.get_by_label(TOOL).check()
    today = timezone.localdate()
    fill_date(page.get_by_role("group", name="Cases from"), today - datetime.timedelta(days=300))
    fill_date(page.get_by_role("group", name="Cases to"), today - datetime.timedelta(days=60))
    fill_date(page.get_by_role("group", name="Returns due"), today + datetime.timedelta(days=21))
    agencies = page.get_by_role("group", name="Agencies taking part")
    agencies.get_by_label("Northmere Health").check()
    agencies.get_by_label("Northmere Police").check()
    check_page(page, "case-audit-02-round-form")
    page.get_by_role("button", name="Save audit round").click()
    page.get_by_role("button", name="Add a case").wait_for()
    round_url = page.url

    for number, reference in enumerate(CASES):
        page.get_by_role("button", name="Add a case").click()
        page.get_by_label("Case reference").fill("12/03/2015" if number == 0 else reference)
        page.get_by_label("10 to 13").check()
        page.get_by_label("R3: ").check()
        page.get_by_label("R5: ").check()
        page.get_by_role("button", name="Save case").click()
        if number == 0:
            page.get_by_text("never a name, date of birth, NHS number or address").first.wait_for()
            check_page(page, "case-audit-03-case-refused")
            page.get_by_label("Case reference").fill(reference)
            page.get_by_role("button", name="Save case").click()
        page.goto(round_url)
        page.get_by_role("link", name=reference).first.wait_for()
    sign_out(page)
    audit_round = AuditRound.objects.get(title="Sibling harm: focused audit")
    assert audit_round.cases.count() == 3 and set(audit_round.agencies.all()) == {health_agency, police}

    # Health's contributor submits with a domain ungraded, is told which, then completes every return.
    sign_in(page, base, "contributor")
    page.goto(round_url)
    page.get_by_role("link", name=f"Complete the return on {CASES[0]}").click()
    grade(page, DOMAINS[0], "Good", "Plans were made for all three children.")
    page.get_by_role("button", name="Submit return").click()
    page.get_by_text("Select a grade for “The child's voice”").first.wait_for()
    sign_out(page)
    complete_returns(page, base, "contributor", round_url)
    # Police's contributor grades the child's voice more favourably than the meeting will.
    complete_returns(page, base, "police-contributor", round_url, voice="Outstanding")
    assert AgencyReturn.objects.filter(case__round=audit_round, status="submitted").count() == 6

    # The scrutineer moderates each case.
    sign_in(page, base, "scrutineer")
    for number, reference in enumerate(CASES):
        page.goto(round_url)
        page.get_by_role("link", name=f"Moderate case {reference}").click()
        for domain in DOMAINS:
            page.get_by_role("group", name=f"Agreed grade for “{domain}”").get_by_label("Good", exact=True).check()
        page.get_by_role("button", name="Save agreed grades").click()
        page.get_by_text("The child's voice").first.wait_for()
        if number == 0:
            page.get_by_text("Northmere Police").first.wait_for()
            check_page(page, "case-audit-05-moderation-refused")
        page.get_by_label("Reason for the agreed grade for “The child's voice” (optional)").fill(
            "The police record shows the child was not spoken to alone."
        )
        page.get_by_role("button", name="Save agreed grades").click()
        page.get_by_role("link", name="Add a finding").wait_for()
    assert AgreedGrade.objects.filter(case__round=audit_round).count() == 12
    check_page(page, "case-audit-06-round-moderated")

    # A finding, turned into an action and an evidence item in one step.
    page.get_by_role("link", name="Add a finding").click()
    page.get_by_label("Learning", exact=True).check()
    page.get_by_label("The finding").fill("The child who had harmed had no plan of their own until weeks later.")
    page.get_by_label("R3: ").check()
    page.get_by_role("button", name="Save finding").click()
    page.get_by_role("link", name="Make an action and evidence").first.click()
    page.get_by_label("Owner agency").select_option(label="Northmere Health")
    page.get_by_label("Named lead").fill("Named nurse for safeguarding")
    fill_date(page.get_by_role("group", name="Due date"), today + datetime.timedelta(days=120))
    check_page(page, "case-audit-07-finding-act")
    page.get_by_role("button", name="Make the action and the evidence").click()
    page.get_by_role("link", name="Action").first.wait_for()
    finding = Finding.objects.get(round=audit_round)
    assert finding.action.owner_agency == health_agency
    assert (finding.evidence.source, finding.evidence.strength) == ("audit", "tested")

    # Published, the results are on the round's results page and on R5's page.
    page.goto(round_url)
    page.get_by_role("button", name="Publish the round").click()
    check_page(page, "case-audit-08-publish")
    page.get_by_role("button", name="Publish").last.click()
    page.get_by_text("Published").first.wait_for()
    page.get_by_role("link", name="The round's results").click()
    page.get_by_role("table").first.wait_for()
    check_page(page, "case-audit-09-results")
    assert "Northmere Police" in page.content()  # the agencies' own grades against the agreed ones
    page.goto(f"{base}/partnerships/northmere/recommendations/R5/")
    page.get_by_role("link", name="Sibling harm: focused audit").first.wait_for()
    check_page(page, "case-audit-10-recommendation-page")
