"""The home pages of every role: content, and a fixed query count as partnerships grow."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import ActionItem, Agency, Membership, Partnership
from recommendations.models import AgencyType, Recommendation
from scrutiny.models import Challenge, Judgement, Report, Review
from tests.support.builders import in_days


def test_scrutineer_sees_levels_in_words_with_the_previous_review(client, personas, world, partnership):
    previous = Review.objects.create(
        partnership=partnership,
        title="Review 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=Review.Status.PUBLISHED,
    )
    r6 = Recommendation.objects.get(code="R6")
    Judgement.objects.create(review=previous, recommendation=r6, level="reasonable", rationale="Then")
    Judgement.objects.filter(pk=world["judgement"].pk).update(level="limited", rationale="Now")
    client.force_login(personas["scrutineer"])
    page = client.get("/").content.decode()
    heatmap = page.split('id="assurance"')[1].split("</table>")[0]
    northmere = heatmap.split("Northmere Partnership")[1].split("</tr>")[0]
    cells = northmere.split("<td")[1:]
    assert "Limited assurance" in cells[5] and "Before: Reasonable assurance" in cells[5]
    assert "Not yet assessed" in cells[0] and "Before: not assessed" in cells[0]


def test_scrutineer_sees_gaps_overdue_actions_and_challenges(client, personas, world):
    ActionItem.objects.filter(pk=world["police_action"].pk).update(due_date=in_days(-3))
    Challenge.objects.filter(pk=world["health_challenge"].pk).update(response_due=in_days(-1))
    client.force_login(personas["scrutineer"])
    page = client.get("/").content.decode()
    gaps = page.split("Evidence gaps this review")[1].split("<h2")[0]
    assert "no evidence for R1, R2, R3, R4, R5" in " ".join(gaps.split())
    overdue = page.split("Overdue actions")[1].split("<h2")[0]
    assert "Police single point of contact" in overdue and "Health rota" not in overdue
    challenges = page.split("Open challenges")[1]
    assert "2 open, 1 overdue" in challenges and "Castlebrook challenge" not in challenges


def test_lead_sees_plan_by_status_due_items_and_challenges_awaiting_answer(client, personas, world):
    ActionItem.objects.filter(pk=world["health_action"].pk).update(due_date=in_days(10))
    ActionItem.objects.filter(pk=world["police_action"].pk).update(due_date=in_days(40))
    client.force_login(personas["lead"])
    page = client.get("/").content.decode()
    assert "Assurance across the partnerships you scrutinise" not in page
    plan = page.split('id="action-plans"')[1]
    row = plan.split("Northmere Partnership")[1].split("</tr>")[0]
    assert [c.split(">")[1].split("<")[0] for c in row.split("<td")[1:]] == ["0", "2", "0", "0", "0", "2"]
    due = plan.split("Due in the next two weeks or overdue")[1].split("<h2")[0]
    assert "Health rota" in due and "Police single point" not in due
    awaiting = plan.split("Challenges awaiting your answer")[1]
    assert "Where is health?" in awaiting and "Where is police?" in awaiting


def test_viewer_home_has_neither_the_scrutineers_nor_the_leads_dashboard(client, personas, world):
    client.force_login(personas["viewer"])
    page = client.get("/").content.decode()
    assert 'id="assurance"' not in page and 'id="action-plans"' not in page


def _add_partnerships(framework, scrutineer, lead, n, start, contributor=None, viewer=None):
    for i in range(start, start + n):
        partnership = Partnership.objects.create(name=f"P{i:03}", slug=f"p{i:03}", area="A", framework=framework)
        agency = Agency.objects.create(partnership=partnership, name="Police", type=AgencyType.POLICE)
        Membership.objects.create(user=scrutineer, partnership=partnership, role="scrutineer")
        Membership.objects.create(user=lead, partnership=partnership, role="lead")
        if contributor is not None:
            Membership.objects.create(user=contributor, partnership=partnership, role="contributor", agency=agency)
        if viewer is not None:
            Membership.objects.create(user=viewer, partnership=partnership, role="viewer")
        review = Review.objects.create(
            partnership=partnership,
            title="R",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
        )
        before = Review.objects.create(
            partnership=partnership,
            title="Before",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            status=Review.Status.PUBLISHED,
        )
        first = Recommendation.objects.filter(framework=framework).first()
        Judgement.objects.create(review=before, recommendation=first, level="limited", rationale="r")
        for kind in Report.Kind.values:
            Report.objects.create(
                review=before, kind=kind, requested_by=lead, status="ready", file="reports/r.pdf", sha256="a" * 64
            )
        item = ActionItem.objects.create(
            partnership=partnership,
            description="x",
            owner_agency=agency,
            lead_name="L",
            start_date=datetime.date(2026, 1, 1),
            due_date=in_days(-1),
            created_by=lead,
        )
        item.recommendations.add(first)
        Challenge.objects.create(
            partnership=partnership, review=review, agency=agency, text="c", response_due=in_days(0), raised_by=lead
        )


@pytest.mark.parametrize("persona", ["scrutineer", "lead", "contributor", "viewer"])
def test_home_query_count_same_with_5_and_150_partnerships(client, framework, persona):
    from tests.support.builders import make_member

    seed = Partnership.objects.create(name="Seed", slug="seed", area="A", framework=framework)
    scrutineer = make_member("s", seed, "scrutineer")
    lead = make_member(
        "l", Partnership.objects.create(name="Seed2", slug="seed2", area="A", framework=framework), "lead"
    )
    contributor = get_user_model().objects.create_user("c")
    viewer = get_user_model().objects.create_user("v")
    user = {"scrutineer": scrutineer, "lead": lead, "contributor": contributor, "viewer": viewer}[persona]
    client.force_login(user)
    _add_partnerships(framework, scrutineer, lead, 5, 0, contributor, viewer)
    with CaptureQueriesContext(connection) as five:
        page = client.get("/")
        assert page.status_code == 200
    shown = {"contributor": 'id="agency-work"', "viewer": 'id="published-assurance"'}
    assert shown.get(persona, "") in page.content.decode()  # what is counted is on the page
    _add_partnerships(framework, scrutineer, lead, 145, 5, contributor, viewer)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/").status_code == 200
    assert len(many) == len(five)
