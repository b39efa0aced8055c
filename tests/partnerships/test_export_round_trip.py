"""Export an action plan, import the file into an empty partnership with the same agency names: the same plan.

Descriptions (escaped formulas, quotes, commas, line breaks, accents included),
recommendations, owners, contributors, lead, dates, status and the impact flag all come
back; the export's extra columns (Overdue, Verified by, ...) are left alone by the import.
An item whose impact on children is marked evidenced does not: the import cannot cite the
evidence graded as showing it, which the rule asks for (partnerships/action_rules.py), and
refuses its row.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from partnerships.models import ActionItem, Agency, Membership, Partnership
from recommendations.models import AgencyType, Recommendation
from tests.support.builders import make_member

AGENCIES = [
    ("Northmere Police", AgencyType.POLICE),
    ("Northmere Children's Social Care", AgencyType.CHILDRENS_SOCIAL_CARE),
    ("Northmere Integrated Care Board (Health)", AgencyType.HEALTH),
    ("Probation Service, North Region", AgencyType.PROBATION),
]


def plan(partnership):
    """What the partnership's plan holds, as comparable values."""
    items = partnership.actions.select_related("owner_agency").prefetch_related(
        "recommendations", "contributing_agencies"
    )
    return sorted(
        (
            item.description,
            frozenset(r.code for r in item.recommendations.all()),
            item.owner_agency.name,
            frozenset(a.name for a in item.contributing_agencies.all()),
            item.lead_name,
            item.start_date,
            item.due_date,
            item.status,
            item.impact_evidenced,
        )
        for item in items
    )


@pytest.fixture
def source(framework, personas):
    """A plan of varied items in a partnership of its own, with a lead: items the form could make (the owner
    is not among the contributors, impact is not marked evidenced without its evidence)."""
    partnership = Partnership.objects.create(
        name="Eastvale Partnership", slug="eastvale", area="E", framework=framework
    )
    agencies = {name: Agency.objects.create(partnership=partnership, name=name, type=kind) for name, kind in AGENCIES}
    lead = make_member("eastvale-lead", partnership, Membership.Role.LEAD)
    codes = {r.code: r for r in Recommendation.objects.filter(framework=framework)}
    descriptions = [
        "Health pathway to the sexual assault referral centre",
        '- Review the "no further action" wording, with police, social care & health',
        '=HYPERLINK("https://evil.example/","x") came in through the form, and stays text',
        "Multi-agency training needs assessment\nSecond line: Ézé’s youth forum feedback",
        "@ mention the board",
        "+ add the probation and police information-sharing protocol",
    ]
    statuses = list(ActionItem.Status.values)
    names = list(agencies)
    for i, description in enumerate(descriptions):
        item = ActionItem.objects.create(
            partnership=partnership,
            description=description,
            owner_agency=agencies[names[i % len(names)]],
            lead_name=["Sam Patel", "Dr O’Neill", "Jo Smith-Jones"][i % 3],
            start_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=30 * i),
            due_date=datetime.date(2026, 3, 31) + datetime.timedelta(days=45 * i),
            status=statuses[i % len(statuses)],
            created_by=lead,
        )
        item.recommendations.set([codes[c] for c in (["R1"], ["R2", "R6"], ["R3", "R4", "R5"])[i % 3]])
        item.contributing_agencies.set([agencies[n] for n in names[: i % 3] if agencies[n] != item.owner_agency])
        if item.status == ActionItem.Status.COMPLETE:
            item.verified_by = personas["scrutineer"]
            item.verified_at = timezone.now()
            item.save()
    return partnership, lead


@pytest.fixture
def target(framework):
    """An empty partnership with the same agency names, and its lead."""
    partnership = Partnership.objects.create(
        name="Westvale Partnership", slug="westvale", area="W", framework=framework
    )
    for name, kind in AGENCIES:
        Agency.objects.create(partnership=partnership, name=name, type=kind)
    return partnership, make_member("westvale-lead", partnership, Membership.Role.LEAD)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_reproduces_the_plan(client, source, target, fmt):
    source_partnership, source_lead = source
    target_partnership, target_lead = target
    assert len(plan(source_partnership)) == 6

    client.force_login(source_lead)
    exported = client.get(f"/partnerships/eastvale/actions/export.{fmt}")
    assert exported.status_code == 200

    client.force_login(target_lead)
    upload = SimpleUploadedFile(f"eastvale-plan.{fmt}", exported.content)
    response = client.post("/partnerships/westvale/actions/import/", {"file": upload})
    assert response.status_code == 302, [str(p) for p in response.context["problems"]]
    assert response["Location"] == "/partnerships/westvale/actions/"

    assert plan(target_partnership) == plan(source_partnership)
    assert not target_partnership.actions.filter(verified_by__isnull=False).exists()  # sign-off is not carried over


def test_importing_the_same_export_twice_imports_it_once(client, source, target):
    """A file sent twice (a double click, a second try) is refused the second time, naming each row."""
    client.force_login(source[1])
    exported = client.get("/partnerships/eastvale/actions/export.csv").content
    client.force_login(target[1])
    first = client.post("/partnerships/westvale/actions/import/", {"file": SimpleUploadedFile("plan.csv", exported)})
    assert first.status_code == 302
    second = client.post("/partnerships/westvale/actions/import/", {"file": SimpleUploadedFile("plan.csv", exported)})
    assert second.status_code == 200
    assert [(p.row, p.column) for p in second.context["problems"]] == [(n, "Description") for n in range(2, 8)]
    assert all("already in the action plan" in p.reason for p in second.context["problems"])
    assert target[0].actions.count() == 6


def test_an_item_marked_impact_evidenced_is_refused_on_its_column_and_nothing_is_imported(client, source, target):
    """Exported as Yes, its impact cannot come back by a spreadsheet: the row names the column and says why."""
    source_partnership, source_lead = source
    target_partnership, target_lead = target
    marked = source_partnership.actions.order_by("pk")[1]
    ActionItem.objects.filter(pk=marked.pk).update(impact_evidenced=True)
    client.force_login(source_lead)
    exported = client.get("/partnerships/eastvale/actions/export.csv").content
    client.force_login(target_lead)
    response = client.post("/partnerships/westvale/actions/import/", {"file": SimpleUploadedFile("plan.csv", exported)})
    assert response.status_code == 200
    (problem,) = response.context["problems"]
    assert problem.column == "Impact evidenced"
    assert problem.reason.startswith("“Yes” cannot be imported: impact on children is marked evidenced only with")
    assert not target_partnership.actions.exists()
