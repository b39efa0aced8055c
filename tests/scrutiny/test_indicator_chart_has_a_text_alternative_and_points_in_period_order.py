"""An indicator's chart: its SVG is an image named by its title and described in words, the partnership's
points run left to right in period order, England and the region are lines of their own (dash pattern and
marker, not colour alone) named in a legend, the target is a rule, and the table holds the same numbers."""

import re
from decimal import Decimal

from scrutiny.charts import SERIES_STYLE, Series, trend_over_periods


def shown(value):
    return f"{value.normalize():f}%"


def chart(**changes):
    arguments = {
        "periods": ["2022-23", "2023-24", "2024-25"],
        "series": [
            Series("local", "Northmere", [Decimal(40), Decimal(55), Decimal(70)]),
            Series("region", "East Midlands", [Decimal(50), Decimal(52), Decimal(54)]),
            Series("england", "England", [Decimal(45), Decimal(48), Decimal(51)]),
        ],
        "shown": shown,
        "chart_id": "indicator-7",
        "title": "Practitioners trained <in> CSA",
        "description": "Northmere's figures for 3 periods. Better than England (51%).",
        "target": Decimal(80),
        "target_label": "Target: 80% by 2026-27",
    }
    return trend_over_periods(**(arguments | changes))


def test_title_and_description_name_the_image():
    svg = str(chart().svg)
    assert 'role="img"' in svg and 'aria-labelledby="indicator-7-title indicator-7-desc"' in svg
    assert '<title id="indicator-7-title">Practitioners trained &lt;in&gt; CSA</title>' in svg
    assert '<desc id="indicator-7-desc">Northmere\'s figures for 3 periods. Better than England (51%).</desc>' in svg


def test_points_run_in_period_order_and_higher_is_higher():
    svg = str(chart().svg)
    colour = SERIES_STYLE["local"]["colour"]
    line = re.search(rf'<polyline points="([^"]+)" fill="none" stroke="{colour}"', svg)
    points = [tuple(map(float, pair.split(","))) for pair in line.group(1).split()]
    assert len(points) == 3
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    assert [y for _, y in points] == sorted((y for _, y in points), reverse=True)  # 40, 55, 70: rising


def test_each_line_has_its_own_dash_and_marker_and_the_legend_names_them():
    svg = str(chart().svg)
    for key in ("region", "england"):
        assert f'stroke-dasharray="{SERIES_STYLE[key]["dash"]}"' in svg
    assert "<rect" in svg and "<polygon" in svg and "<circle" in svg  # square, triangle, circle markers
    for name in ("Northmere", "East Midlands", "England", "Target: 80% by 2026-27"):
        assert f">{name}</text>" in svg


def test_the_table_holds_the_same_numbers():
    table = chart().table
    assert table[0] == ["Period", "Northmere", "East Midlands", "England"]
    assert table[1:] == [
        ["2022-23", "40%", "50%", "45%"],
        ["2023-24", "55%", "52%", "48%"],
        ["2024-25", "70%", "54%", "51%"],
    ]


def test_no_figures_says_so():
    empty = chart(series=[Series("local", "Northmere", [None, None, None])], target=None)
    assert "No figures yet" in str(empty.svg)
    assert empty.rows[0] == ["2022-23", None]
