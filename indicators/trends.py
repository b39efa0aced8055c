"""What a partnership's figures say: each indicator's values over time beside England's and its region's,
its target, and whether the latest value is better or worse than the one before and than England's, in
words, by the indicator's direction. The recommendation page, the report, the board summary and the
scrutineer's home all read it from here.

A data gap is an indicator with no value of its own (a suppressed one counts: the figure was reported)
for any period overlapping the partnership's latest period: the latest year it holds any local value
for, or its latest quarter if it holds years for none.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q

from indicators import periods
from indicators.models import Area, Indicator, Target, Value


@dataclass(frozen=True)
class Comparison:
    words: str
    better: bool | None  # None: the same, or not comparable


@dataclass
class Point:
    """One period of the chart and table: the partnership's value and its comparators' for it."""

    period: periods.Period
    local: Value | None = None
    region: Value | None = None
    england: Value | None = None


@dataclass
class IndicatorTrend:
    indicator: Indicator
    points: list[Point] = field(default_factory=list)
    target: Target | None = None
    latest: Value | None = None
    previous: Value | None = None
    is_gap: bool = False
    since_previous: Comparison | None = None
    against_england: Comparison | None = None
    against_target: Comparison | None = None
    reference: periods.Period | None = None  # the partnership's latest period, which the data gap rule reads

    @property
    def region_name(self) -> str:
        return next((p.region.area_name for p in self.points if p.region), "")

    @property
    def has_comparators(self) -> bool:
        return any(p.region or p.england for p in self.points)

    @property
    def moved_wrong_way(self) -> bool:
        return bool(self.since_previous and self.since_previous.better is False)

    @property
    def movement(self) -> Decimal:
        """How far the latest value moved from the one before, as a share of it (or in its unit from zero);
        0 when the two cannot be compared."""
        if self.since_previous is None or self.since_previous.better is None:
            return Decimal(0)
        change = abs(self.latest.value - self.previous.value)
        return change / self.previous.value if self.previous.value else change


def _direction(indicator: Indicator, now: Decimal, then: Decimal) -> bool | None:
    if now == then:
        return None
    return (now > then) == indicator.higher_is_better


def _compare(indicator, latest: Value, other: Value | None, *, then: str, named: str) -> Comparison | None:
    """`then` names the other value in a sentence ("in 2023-24", "England's"); None when there is none."""
    if other is None:
        return None
    if latest.is_suppressed or other.is_suppressed:
        which = other if other.is_suppressed else latest
        return Comparison(
            f"Not compared with {named}: the figure for {which.period} is suppressed ({which.suppressed}).", None
        )
    better = _direction(indicator, latest.value, other.value)
    if better is None:
        return Comparison(f"The same as {then} ({other.shown}).", None)
    word = "Better" if better else "Worse"
    return Comparison(f"{word} than {then} ({other.shown}).", better)


def _against_target(indicator, latest: Value | None, target: Target | None) -> Comparison | None:
    if target is None or latest is None or latest.is_suppressed:
        return None
    aim = f"the target of {indicator.shown(target.value)}" + (f" by {target.by_period}" if target.by_period else "")
    better = _direction(indicator, latest.value, target.value)
    if better is None:
        return Comparison(f"Meets {aim}.", True)
    return Comparison(f"{'Beyond' if better else 'Short of'} {aim}.", better)


def _trend(indicator, values: list[Value], target, reference) -> IndicatorTrend:
    trend = IndicatorTrend(indicator=indicator, target=target, reference=reference)
    local = [value for value in values if value.area == Area.LOCAL]
    if local:
        trend.latest = max(local, key=lambda value: (value.period_end, value.period_start))
        kind = trend.latest.period_kind
        same_kind = sorted((v for v in local if v.period_kind == kind), key=lambda v: v.period_start)
        position = same_kind.index(trend.latest)
        trend.previous = same_kind[position - 1] if position else None
    kind = trend.latest.period_kind if trend.latest else None
    by_period: dict[str, Point] = {}
    for value in sorted(values, key=lambda v: (v.period_start, v.period_end)):
        if kind and value.period_kind != kind:
            continue
        point = by_period.setdefault(value.period, Point(value.as_period()))
        setattr(point, {Area.LOCAL: "local", Area.REGION: "region", Area.ENGLAND: "england"}[value.area], value)
    trend.points = list(by_period.values())
    trend.is_gap = trend.latest is None or (reference is not None and not trend.latest.as_period().overlaps(reference))
    if trend.latest:
        latest_point = by_period[trend.latest.period]
        trend.since_previous = trend.previous and _compare(
            indicator, trend.latest, trend.previous, then=f"{trend.previous.period}", named=trend.previous.period
        )
        trend.against_england = _compare(indicator, trend.latest, latest_point.england, then="England", named="England")
        trend.against_target = _against_target(indicator, trend.latest, target)
    return trend


def trends_for(partnership, indicators) -> list[IndicatorTrend]:
    """Each of `indicators`' trends for the partnership, in the order given, in two queries whatever the
    number of periods (three if the partnership's latest period must be found)."""
    indicators = list(indicators)
    values = (
        Value.objects.filter(partnership=partnership, indicator__in=[i.pk for i in indicators])
        .select_related("indicator")
        .in_order()
    )
    by_indicator = defaultdict(list)
    for value in values:
        by_indicator[value.indicator_id].append(value)
    targets = {t.indicator_id: t for t in Target.objects.filter(partnership=partnership, indicator__in=indicators)}
    reference = partnership_latest_period(partnership)
    return [_trend(i, by_indicator[i.pk], targets.get(i.pk), reference) for i in indicators]


def reference_period(trends) -> periods.Period | None:
    """The period the trends' data gap rule read: their partnership's latest, the same for each of its trends."""
    return next((trend.reference for trend in trends), None)


def partnership_latest_period(partnership) -> periods.Period | None:
    rows = (
        Value.objects.filter(partnership=partnership, area=Area.LOCAL)
        .order_by()
        .values_list("period", "period_start", "period_end", "period_kind")
        .distinct()
    )
    return _latest_period(periods.Period(start, end, label, kind) for label, start, end, kind in rows)


def _latest_period(found) -> periods.Period | None:
    """The latest year among `found`, or the latest period if none is a year."""
    found = list(found)
    years = [period for period in found if period.kind == periods.YEAR]
    return max(years or found, default=None, key=lambda period: (period.end, period.start))


def trends_of_partnerships(partnerships) -> dict[int, list[IndicatorTrend]]:
    """Every indicator's trend for each of `partnerships` (its framework's suggestions, then its own), keyed by
    the partnership's pk: three queries however many partnerships, indicators and periods (the dashboard's)."""
    partnerships = list(partnerships)
    if not partnerships:
        return {}
    scope = Q(partnership__in=partnerships) | Q(
        partnership__isnull=True, framework__in={p.framework_id for p in partnerships}
    )
    indicators = list(
        Indicator.objects.filter(scope).order_by(F("partnership").asc(nulls_first=True), "position", "code", "pk")
    )
    by_pk = {indicator.pk: indicator for indicator in indicators}
    values = defaultdict(lambda: defaultdict(list))
    for value in Value.objects.filter(partnership__in=partnerships, indicator__in=by_pk).in_order():
        value.indicator = by_pk[value.indicator_id]
        values[value.partnership_id][value.indicator_id].append(value)
    targets = {(t.partnership_id, t.indicator_id): t for t in Target.objects.filter(partnership__in=partnerships)}
    result = {}
    for partnership in partnerships:
        own = values[partnership.pk]
        reference = _latest_period(v.as_period() for found in own.values() for v in found if v.area == Area.LOCAL)
        result[partnership.pk] = [
            _trend(indicator, own[indicator.pk], targets.get((partnership.pk, indicator.pk)), reference)
            for indicator in indicators
            if indicator.partnership_id == partnership.pk
            or (indicator.partnership_id is None and indicator.framework_id == partnership.framework_id)
        ]
    return result


def moved_most(trends, count: int = 3) -> list[IndicatorTrend]:
    """The indicators whose latest value moved furthest from the one before, for the board summary."""
    moved = [trend for trend in trends if trend.movement]
    return sorted(moved, key=lambda trend: trend.movement, reverse=True)[:count]
