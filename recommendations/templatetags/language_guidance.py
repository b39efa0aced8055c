from django import template

from recommendations.language import suggestions_for

register = template.Library()


@register.inclusion_tag("partials/language_suggestions.html")
def language_suggestions(text, rules, field_id=""):
    """Language suggestions for `text`, each with its source, shown beside it; empty when there are none."""
    return {"suggestions": suggestions_for(text or "", rules or []), "field_id": field_id}
