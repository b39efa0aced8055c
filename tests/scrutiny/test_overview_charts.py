"""The overview's charts: actions by status per recommendation and assurance across reviews, as SVG with a
text alternative and a table of the same numbers; judgements of unpublished reviews stay hidden from viewers."""

import datetime

from scrutiny.models import Judgement, Review


def test_overview_has_both_charts_with_tables(client, personas, world):
    client.force_login(personas["lead"])
    page = client.get("/partnerships/northmere/").content.decode()
    assert page.count('role="img"') == 2
    assert "Action plan items by status, for each recommendation: the numbers" in page
    status_table = page.split("for each recommendation: the numbers")[1].split("</table>")[0]
    r6 = status_table.split(">R6<")[1].split("</tr>")[0]
    assert [cell.split(">")[1].split("<")[0] for cell in r6.split("<td")[1:]][:5] == ["0", "2", "0", "0", "0"]
    assert "Assurance level across reviews" in page


def test_viewer_chart_leaves_out_unpublished_reviews(client, personas, world, partnership):
    published = Review.objects.create(
        partnership=partnership,
        title="Published 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=Review.Status.PUBLISHED,
    )
    Judgement.objects.create(
        review=published, recommendation=world["judgement"].recommendation, level="limited", rationale="r"
    )
    client.force_login(personas["viewer"])
    chart = client.get("/partnerships/northmere/").content.decode().split("Assurance level across reviews")[1]
    assert "Published 2025" in chart and "Review 2026" not in chart
