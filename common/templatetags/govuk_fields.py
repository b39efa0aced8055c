"""Filters for GOV.UK fields written out in templates (templates/partials/filters/)."""

import datetime

from django import template

register = template.Library()


@register.filter
def date_parts(bound_field) -> list[tuple[str, str, int]]:
    """A GOV.UK date's (value, label, width) for day, month and year: as sent, or from its initial date."""
    if bound_field.form.is_bound:
        data = bound_field.form.data
        values = [data.get(f"{bound_field.html_name}_{n}", "") for n in range(3)]
    else:
        day = bound_field.value()
        values = [str(day.day), str(day.month), str(day.year)] if isinstance(day, datetime.date) else ["", "", ""]
    return list(zip(values, ("Day", "Month", "Year"), (2, 2, 4), strict=True))
