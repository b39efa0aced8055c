"""Indicators for the tests of the indicator pages and services: a partnership's own indicator, values entered
by hand or imported as comparators, a target, and the form data the pages take."""

from decimal import Decimal

from indicators import periods
from indicators.models import Area, Indicator, Target, Value
from recommendations.models import AgencyType, Better, IndicatorUnit


def own_indicator(
    partnership,
    by,
    *,
    code="NM-R6-SARC",
    name="Referrals to the sexual assault referral centre",
    unit=IndicatorUnit.PERCENTAGE,
    better=Better.HIGHER,
    agency_types=(AgencyType.HEALTH,),
    recommendations=("R6",),
) -> Indicator:
    indicator = Indicator.objects.create(
        framework=partnership.framework,
        partnership=partnership,
        code=code,
        name=name,
        definition="Children referred within 72 hours, as a share of those disclosing recent abuse.",
        unit=unit,
        better=better,
        source="Sexual assault referral centre records",
        agency_types=list(agency_types),
        created_by=by,
    )
    indicator.recommendations.set(partnership.framework.recommendations.filter(code__in=recommendations))
    return indicator


def suggested_indicator(partnership, code) -> Indicator:
    return Indicator.objects.get(framework=partnership.framework, partnership=None, code=code)


def value(
    partnership,
    indicator,
    by,
    period,
    figure=None,
    *,
    suppressed="",
    area=Area.LOCAL,
    area_name="",
    numerator=None,
    denominator=None,
    note="",
) -> Value:
    """A value of `period` (a label); `figure` a number, or None with a suppression code."""
    record = Value(
        partnership=partnership,
        indicator=indicator,
        area=area,
        area_name=area_name,
        value=None if figure is None else Decimal(str(figure)),
        suppressed=suppressed,
        numerator=numerator,
        denominator=denominator,
        note=note,
        entered_by=by,
    )
    record.set_period(periods.parse(period))
    record.save()
    return record


def target(partnership, indicator, by, figure, by_period="") -> Target:
    return Target.objects.create(
        partnership=partnership, indicator=indicator, value=Decimal(str(figure)), by_period=by_period, set_by=by
    )


def indicator_form_data(**overrides) -> dict:
    return {
        "code": "NM-R3-REFERRALS",
        "name": "Referrals about sexual abuse in the family",
        "definition": "Referrals to children's social care in which sexual abuse in the family was the concern.",
        "unit": IndicatorUnit.COUNT,
        "better": Better.HIGHER,
        "source": "Children's social care case records",
        "recommendations": ["R3"],
        "agency_types": [AgencyType.CHILDRENS_SOCIAL_CARE],
    } | overrides


def value_form_data(**overrides) -> dict:
    return {"period": "2025-26", "value": "64", "suppressed": "", "numerator": "", "denominator": "", "note": ""} | (
        overrides
    )


def snapshot() -> dict:
    """Every indicator, value and target row and their history, to show a refused request changed nothing."""
    models = [Indicator, Indicator.recommendations.through, Value, Target]
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    history = {f"{m.__name__} history": m.history.count() for m in (Indicator, Value, Target)}
    return rows | history
