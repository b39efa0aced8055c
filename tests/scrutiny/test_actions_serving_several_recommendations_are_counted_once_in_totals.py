"""An action that serves two recommendations is in the row of each, but the totals count it once, and the
chart's text says what it counts: on the overview and in the report's executive summary."""

import html

from django.utils import timezone

from partnerships.models import ActionItem
from recommendations.models import Recommendation
from scrutiny.charts import actions_by_status
from scrutiny.models import Report
from scrutiny.report_build import render_html

ALL_ACTIONS = "All actions, each counted once"


def serve_several(world):
    """Two actions: health's serves R1, R2 and R6 and is off track; police's serves R6."""
    health = world["health_action"]
    health.recommendations.add(*Recommendation.objects.filter(code__in=["R1", "R2"]))
    ActionItem.objects.filter(pk=health.pk).update(status=ActionItem.Status.OFF_TRACK)


def chart_text(page: str) -> str:
    text = page.split("Action plan items by status, for each recommendation</p>")[1].split("</p>")[0]
    return html.unescape(text.split(">", 1)[1])


def test_chart_totals_count_each_action_once_and_say_rows_repeat():
    chart = actions_by_status(
        [("R1", {"off_track": 1}), ("R2", {"off_track": 1}), ("R6", {"off_track": 1, "on_track": 1})],
        totals={"off_track": 1, "on_track": 1},
    )

    assert chart.description.startswith("2 actions for 3 recommendations; some serve more than one recommendation")
    assert "the bars add up to 4" in chart.description
    assert "Each action counted once: 0 not started, 1 on track, 0 at risk, 1 off track, 0 complete." in (
        chart.description
    )
    assert chart.rows[-1] == [ALL_ACTIONS, 0, 1, 0, 1, 0, 2]


def test_overview_chart_counts_each_action_once(client, personas, world):
    serve_several(world)
    client.force_login(personas["lead"])
    page = client.get("/partnerships/northmere/").content.decode()

    text = chart_text(page)
    assert text.startswith("2 actions for 6 recommendations; some serve more than one recommendation")
    assert "1 on track, 0 at risk, 1 off track" in text
    assert "4 actions" not in text
    table = page.split("for each recommendation: the numbers")[1].split("</table>")[0]
    assert ALL_ACTIONS in table


def test_report_summary_counts_each_action_once(personas, world):
    serve_several(world)
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    page = render_html(report, timezone.now())

    text = chart_text(page)
    assert text.startswith("2 actions for 6 recommendations; some serve more than one recommendation")
    assert "1 off track" in text and "2 off track" not in text
    assert "is counted in the row of each" in page
