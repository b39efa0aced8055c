"""Figures for the tests of indicators inside the scrutiny: the framework's suggested indicators and values."""

from decimal import Decimal

from indicators import periods
from indicators.models import Area, Indicator, Value
from scrutiny.judgements import save_judgement
from scrutiny.models import AssuranceLevel
from tests.support.builders import as_member


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


def judge_citing(world, personas, indicators, *, evidence=()):
    """The scrutineer's limited assurance on the world's R6, citing `indicators`, through the service."""
    return save_judgement(
        review=world["review"],
        recommendation=world["judgement"].recommendation,
        membership=as_member(personas["scrutineer"]),
        seen_version=0,
        level=AssuranceLevel.LIMITED,
        rationale="Children wait too long for therapeutic support.",
        strengths="",
        areas_for_improvement="",
        evidence=list(evidence),
        indicators=indicators,
    )
