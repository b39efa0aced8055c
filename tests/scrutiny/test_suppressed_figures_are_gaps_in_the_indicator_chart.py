"""A suppressed figure is a gap in its line, never a point at zero: the line breaks there, the code is written
above the axis and in the table, and the text alternative says which periods were suppressed."""

import re

import pytest

from indicators.models import Area
from indicators.trends import trends_for
from scrutiny.charts import SERIES_STYLE, indicator_trend
from tests.support.trend_figures import figures, suggested

pytestmark = pytest.mark.django_db


def test_suppressed_figures_break_the_line(partnership, personas):
    indicator = suggested(partnership, "I-R3-CPP-SA")
    lead = personas["lead"]
    local = {"2020-21": 2.1, "2021-22": 2.4, "2022-23": "c", "2023-24": 2.9, "2024-25": 3}
    figures(partnership, indicator, lead, local)
    figures(partnership, indicator, lead, {"2022-23": 3.2, "2023-24": "x", "2024-25": 3.3}, area=Area.ENGLAND)
    chart = indicator_trend(trends_for(partnership, [indicator])[0], area_name="Northmere", chart_id="indicator-1")
    svg = str(chart.svg)

    local = re.findall(rf'<polyline points="([^"]+)" fill="none" stroke="{SERIES_STYLE["local"]["colour"]}"', svg)
    assert [len(run.split()) for run in local] == [2, 2]  # 2020-21 to 2021-22, then 2023-24 to 2024-25
    assert ">c</text>" in svg
    assert "Suppressed, shown as gaps: 2022-23 (c)." in chart.description
    assert chart.rows[2] == ["2022-23", "c", "3.2"]
    assert chart.rows[3] == ["2023-24", "2.9", "x"]
    assert chart.rows[0] == ["2020-21", "2.1", None]
