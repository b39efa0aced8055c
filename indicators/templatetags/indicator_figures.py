"""Indicators' figures in templates: `{{ target.value|shown_as:indicator }}` (12.5%, 31 days) and
`{{ indicator|agency_type_names }}` (whose contributors enter its values, in words)."""

from django import template

from recommendations.models import AgencyType

register = template.Library()


@register.filter
def shown_as(number, indicator) -> str:
    """A number in the indicator's unit, as people read it."""
    return indicator.shown(number)


@register.filter
def agency_type_names(indicator) -> list[str]:
    labels = dict(AgencyType.choices)
    return [labels.get(kind, kind) for kind in indicator.agency_types]


@register.filter
def counted(number) -> str:
    """A numerator or denominator: the number alone, without the indicator's unit (1,204, 12.5)."""
    if number is None:
        return ""
    return f"{number.normalize():,f}" if number != number.to_integral() else f"{int(number):,}"
