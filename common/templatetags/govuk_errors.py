from django import forms, template

register = template.Library()

CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def error_target(bound_field) -> str:
    """The id of the element an error summary link for this field should move focus to.

    crispy-forms-gds gives radios and checkboxes the ids id_<name>_1, id_<name>_2, ... and the
    parts of a date id_<name>_0, _1, _2, while nothing carries the field's own id: link to the
    first choice or part, as the Design System asks.
    """
    if isinstance(bound_field.field.widget, CHOICE_WIDGETS):
        return f"id_{bound_field.html_name}_1"
    if isinstance(bound_field.field.widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.filter
def error_links(bound_field):
    """(target id, errors) pairs for the error summary; a date's part errors link to that part."""
    from crispy_forms_gds.templatetags.crispy_forms_gds import field_errors

    if isinstance(bound_field.field.widget, forms.MultiWidget):
        first_part = error_target(bound_field)
        return [
            (first_part if target == bound_field.auto_id else target, errors)
            for target, errors in field_errors(bound_field)
            if errors
        ]
    return [(error_target(bound_field), bound_field.errors)] if bound_field.errors else []
