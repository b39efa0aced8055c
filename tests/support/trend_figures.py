"""Figures for the tests of trends, charts, the recommendation page's indicators and the report's."""

from decimal import Decimal

from indicators.models import Area, Indicator, Target
from tests.support.indicator_values import record

REGION = "East Midlands"


def suggested(partnership, code) -> Indicator:
    return Indicator.objects.of(partnership).get(code=code)


def figures(partnership, indicator, by, by_period: dict, *, area=Area.LOCAL) -> None:
    """One value per period of `by_period` ({"2023-24": 12.5, "2024-25": "c"}); a str is a suppression code."""
    record(partnership, indicator, by, by_period, area=area, area_name={Area.REGION: REGION}.get(area, ""))


def target(partnership, indicator, by, value, by_period="") -> Target:
    return Target.objects.create(
        partnership=partnership, indicator=indicator, value=Decimal(str(value)), by_period=by_period, set_by=by
    )


def years(first: int, count: int) -> list[str]:
    return [f"{year}-{(year + 1) % 100:02d}" for year in range(first, first + count)]
