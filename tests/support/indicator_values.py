"""Figures for the tests of indicators inside the scrutiny: the framework's suggested indicators and values."""

from decimal import Decimal

from indicators import periods
from indicators.models import Area, Indicator, Value


def suggested(framework, code) -> Indicator:
    return Indicator.objects.get(framework=framework, partnership__isnull=True, code=code)


def record(partnership, indicator, by, figures: dict, *, area=Area.LOCAL, area_name="") -> list[Value]:
    """One value per period, `figures` being {"2023-24": 12.5, ...}; a string value is a suppression code."""
    values = []
    for label, figure in figures.items():
        value = Value(partnership=partnership, indicator=indicator, area=area, area_name=area_name, entered_by=by)
        value.set_period(periods.parse(label))
        if isinstance(figure, str):
            value.suppressed = figure
        else:
            value.value = Decimal(str(figure))
        value.save()
        values.append(value)
    return values
