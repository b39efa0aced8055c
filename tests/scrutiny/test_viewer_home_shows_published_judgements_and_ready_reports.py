"""A viewer's home (a board member's) shows the latest published judgements of their partnerships and the
reports they may read: ready final reports of published reviews (docs/decisions/0016), never a draft, a
report still building, or the judgements and final reports of a review not published."""

import datetime

import pytest

from recommendations.models import Recommendation
from scrutiny.models import Judgement, Report, Review


def ready(review, kind, by, **extra):
    return Report.objects.create(
        review=review,
        kind=kind,
        requested_by=by,
        status=extra.pop("status", Report.Status.READY),
        file="reports/board.pdf",
        sha256="a" * 64,
        pages=12,
        **extra,
    )


@pytest.fixture
def published(world, personas, partnership):
    """Last year's review, published, with R6 judged limited and a final and a draft report."""
    review = Review.objects.create(
        partnership=partnership,
        title="Review 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=Review.Status.PUBLISHED,
    )
    r6 = Recommendation.objects.get(framework=partnership.framework, code="R6")
    Judgement.objects.create(review=review, recommendation=r6, level="limited", rationale="Audited")
    return {
        "review": review,
        "final": ready(review, Report.Kind.FINAL, personas["scrutineer"]),
        "draft": ready(review, Report.Kind.DRAFT, personas["lead"]),
    }


def viewer_home(client, personas):
    client.force_login(personas["viewer"])
    return client.get("/").content.decode()


def test_viewer_sees_the_latest_published_judgements(client, personas, world, published):
    # The review still being judged (Review 2026, R6 judged "substantial" in draft) is not shown.
    Judgement.objects.filter(pk=world["judgement"].pk).update(level="substantial", rationale="Draft")
    page = viewer_home(client, personas)
    table = page.split('id="published-assurance"')[1].split("</table>")[0]
    row = table.split("Northmere Partnership")[1].split("</tr>")[0]
    assert "Review 2025" in row and "Review 2026" not in row
    cells = row.split("<td")[1:]
    assert "Limited assurance" in cells[5] and "Not yet assessed" in cells[0]
    assert "Substantial" not in table

    # Once the 2026 review is published, it is the latest.
    Review.objects.filter(pk=world["review"].pk).update(status=Review.Status.PUBLISHED)
    table = viewer_home(client, personas).split('id="published-assurance"')[1].split("</table>")[0]
    row = table.split("Northmere Partnership")[1].split("</tr>")[0]
    assert "Review 2026" in row and "Substantial assurance" in row


def test_a_partnership_with_nothing_published_says_so(client, personas, world):
    page = viewer_home(client, personas)
    table = page.split('id="published-assurance"')[1].split("</table>")[0]
    assert "No review has been published yet" in table and "assurance</strong>" not in table


def test_viewer_sees_ready_final_reports_of_published_reviews_only(client, personas, world, published):
    building = ready(world["review"], Report.Kind.FINAL, personas["scrutineer"], status=Report.Status.BUILDING)
    unpublished_final = ready(world["review"], Report.Kind.FINAL, personas["scrutineer"])
    page = viewer_home(client, personas)
    reports = page.split('id="ready-reports"')[1]
    assert f"/partnerships/northmere/reports/{published['final'].pk}/" in reports
    assert "Final report: Review 2025" in reports and "12 pages" in reports and "built" not in reports
    for hidden in (published["draft"], building, unpublished_final):
        assert str(hidden.pk) not in reports
    # The link opens: the page and the home page ask the same rule.
    assert client.get(f"/partnerships/northmere/reports/{published['final'].pk}/").status_code == 200

    Review.objects.filter(pk=published["review"].pk).update(status=Review.Status.JUDGING)
    reports = viewer_home(client, personas).split('id="ready-reports"')[1]
    assert str(published["final"].pk) not in reports and "No report is ready for you to read yet" in reports


def test_other_roles_do_not_get_the_viewers_lists(client, personas, world, published):
    for persona in ("scrutineer", "lead", "contributor", "outsider"):
        client.force_login(personas[persona])
        assert 'id="published-assurance"' not in client.get("/").content.decode()
