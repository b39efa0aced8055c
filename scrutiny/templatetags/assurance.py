from django import template

from scrutiny.models import AssuranceLevel

register = template.Library()

TAG_COLOURS = {
    AssuranceLevel.SUBSTANTIAL: "govuk-tag--green",
    AssuranceLevel.REASONABLE: "govuk-tag--turquoise",
    AssuranceLevel.LIMITED: "govuk-tag--orange",
    AssuranceLevel.NONE: "govuk-tag--red",
    AssuranceLevel.NOT_ASSESSED: "govuk-tag--grey",
}


@register.inclusion_tag("partials/assurance_tag.html")
def assurance_tag(level):
    """The level in words, coloured only as an aid. A missing judgement reads 'Not yet assessed'."""
    level = level or AssuranceLevel.NOT_ASSESSED
    return {"label": AssuranceLevel(level).label, "colour": TAG_COLOURS[AssuranceLevel(level)]}


@register.simple_tag
def assurance_label(level):
    return AssuranceLevel(level or AssuranceLevel.NOT_ASSESSED).label
