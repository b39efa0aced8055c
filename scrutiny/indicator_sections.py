"""The indicators shown with a recommendation, on its page and in each recommendation's section of the
report: each indicator's trend (indicators.trends, where all the words of better and worse are) with its
chart (scrutiny.charts), and the data gaps, the indicators with no figure for the partnership's latest
period. Suggested indicators come first, then the partnership's own, each in their order.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from indicators import periods
from indicators.models import Indicator, Suppressed
from indicators.trends import IndicatorTrend, reference_period, trends_of_partnerships
from scrutiny import charts

_CODE_MEANINGS = dict(Suppressed.choices)


@dataclass(frozen=True)
class ShownIndicator:
    trend: IndicatorTrend
    chart: charts.Chart

    @property
    def indicator(self) -> Indicator:
        return self.trend.indicator

    @property
    def codes(self) -> list[str]:
        """What each suppression code in the table means ("c: suppressed to protect confidentiality")."""
        used = {cell for row in self.chart.rows for cell in row[1:] if cell in _CODE_MEANINGS}
        return [label for code, label in Suppressed.choices if code in used]


@dataclass
class IndicatorSection:
    latest_period: periods.Period | None  # the partnership's: the data gap rule's reference
    shown: list[ShownIndicator] = field(default_factory=list)

    @property
    def gaps(self) -> list[Indicator]:
        return [item.indicator for item in self.shown if item.trend.is_gap]


def _shown(partnership, trend: IndicatorTrend, chart_id: str) -> ShownIndicator:
    area = partnership.area or partnership.name
    return ShownIndicator(trend, charts.indicator_trend(trend, area_name=area, chart_id=chart_id))


def for_recommendation(partnership, recommendation) -> IndicatorSection:
    """The recommendation page's indicators: four queries whatever the indicators and periods (the same on
    every recommendation's page, with indicators or without)."""
    about = set(Indicator.objects.of(partnership).about(recommendation).values_list("pk", flat=True))
    trends = trends_of_partnerships([partnership])[partnership.pk]
    return IndicatorSection(
        reference_period(trends),
        [
            _shown(partnership, trend, f"indicator-{trend.indicator.pk}")
            for trend in trends
            if trend.indicator.pk in about
        ],
    )


def by_recommendation(partnership, recommendations, *, chart_prefix: str) -> dict:
    """{recommendation pk: IndicatorSection} for the report: every trend of the partnership read once, in
    four queries whatever the indicators and periods; an indicator linked to two recommendations is shown in
    both, with a chart id of each's."""
    trends = trends_of_partnerships([partnership])[partnership.pk]
    sections = {rec.pk: IndicatorSection(reference_period(trends)) for rec in recommendations}
    by_pk = {trend.indicator.pk: trend for trend in trends}
    links = (
        Indicator.recommendations.through.objects.filter(indicator__in=list(by_pk), recommendation__in=list(sections))
        .order_by()
        .values_list("indicator_id", "recommendation_id")
    )
    linked = defaultdict(set)
    for indicator_pk, recommendation_pk in links:
        linked[indicator_pk].add(recommendation_pk)
    for trend in trends:  # in the indicators' order
        for recommendation_pk in sorted(linked[trend.indicator.pk]):
            chart_id = f"{chart_prefix}-{recommendation_pk}-{trend.indicator.pk}"
            sections[recommendation_pk].shown.append(_shown(partnership, trend, chart_id))
    return sections
