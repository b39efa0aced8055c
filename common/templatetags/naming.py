"""`{{ user|display_name }}` and `{{ agency|agency_or_partnership }}`: common/naming.py in templates."""

from django import template

from common import naming

register = template.Library()


@register.filter
def display_name(user) -> str:
    return naming.display_name(user or None)


@register.filter
def agency_or_partnership(agency) -> str:
    return naming.agency_or_partnership(agency)
