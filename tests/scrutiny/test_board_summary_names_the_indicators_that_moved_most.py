"""The report's board summary names the indicators whose latest value moved furthest from the period before's
(at most three, furthest first, as a share of the earlier value), each with its words by its direction."""

import pytest

from indicators.models import Area
from scrutiny.models import Report
from scrutiny.report_build import render_html
from tests.support.indicator_values import record, suggested

pytestmark = pytest.mark.django_db


def board_summary(world, personas) -> str:
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    html = render_html(report)
    return html.split('id="board-summary"')[1].split("</section>")[0]


def movers(summary: str) -> str:
    return summary.split("The figures that moved most")[1].split("<h3>")[0]


def test_the_three_that_moved_furthest_furthest_first(world, personas, partnership, framework):
    lead = personas["lead"]
    record(partnership, suggested(framework, "I-R6-THERAPY-WAIT"), lead, {"2023-24": 40, "2024-25": 60})  # +50%
    record(partnership, suggested(framework, "I-R6-HEALTH-PRESENT"), lead, {"2023-24": 80, "2024-25": 60})  # -25%
    record(partnership, suggested(framework, "I-R2-TRAINED"), lead, {"2023-24": 50, "2024-25": 90})  # +80%
    record(partnership, suggested(framework, "I-R2-ABE"), lead, {"2023-24": 100, "2024-25": 110})  # +10%: fourth
    record(partnership, suggested(framework, "I-R5-CONFIDENT"), lead, {"2023-24": 10, "2024-25": "c"})  # suppressed
    record(partnership, suggested(framework, "I-R3-CPP-SA"), lead, {"2023-24": 3, "2024-25": 3})  # unchanged
    # A comparator's big move is not the partnership's.
    record(partnership, suggested(framework, "I-R3-CPP-SA"), lead, {"2024-25": 30}, area=Area.ENGLAND)

    named = movers(board_summary(world, personas))
    order = [named.index(code) for code in ("I-R2-TRAINED", "I-R6-THERAPY-WAIT", "I-R6-HEALTH-PRESENT")]
    assert order == sorted(order)
    for left_out in ("I-R2-ABE", "I-R5-CONFIDENT", "I-R3-CPP-SA"):
        assert left_out not in named
    assert "90% in 2024-25. Better than 2023-24 (50%)." in named
    assert "60 days in 2024-25. Worse than 2023-24 (40 days)." in named  # lower is better
    assert "60% in 2024-25. Worse than 2023-24 (80%)." in named


def test_with_nothing_to_compare_it_says_so_in_one_line(world, personas, partnership, framework):
    record(partnership, suggested(framework, "I-R6-THERAPY-WAIT"), personas["lead"], {"2024-25": 60})
    named = movers(board_summary(world, personas))
    assert "I-R6-THERAPY-WAIT" not in named
    assert "none has two periods to compare yet" in named
