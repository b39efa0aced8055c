from django import template
from django.utils.html import format_html

from scrutiny.models import AssuranceLevel

register = template.Library()

TAG_COLOURS = {
    AssuranceLevel.SUBSTANTIAL: "govuk-tag--green",
    AssuranceLevel.REASONABLE: "govuk-tag--turquoise",
    AssuranceLevel.LIMITED: "govuk-tag--orange",
    AssuranceLevel.NONE: "govuk-tag--red",
    AssuranceLevel.NOT_ASSESSED: "govuk-tag--grey",
}


@register.simple_tag
def assurance_tag(level):
    """The level in words, coloured only as an aid. A missing judgement reads 'Not yet assessed'.

    Built here rather than from a template: it is drawn in every cell of the assurance tables."""
    level = AssuranceLevel(level or AssuranceLevel.NOT_ASSESSED)
    return format_html('<strong class="govuk-tag {} app-level">{}</strong>\n', TAG_COLOURS[level], level.label)


@register.simple_tag
def assurance_label(level):
    return AssuranceLevel(level or AssuranceLevel.NOT_ASSESSED).label
