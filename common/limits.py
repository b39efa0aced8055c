"""Limits on what people type: each held once, as its model field's `max_length`, and read from there by the
forms (common/forms.py `limited_text_field`), the services that write the field and the import."""

from django.utils.text import capfirst


def too_long(label: str, limit: int) -> str:
    """The GOV.UK error message for text over its limit."""
    return f"{label} must be {limit:,} characters or fewer"


def limit_of(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def length_errors(instance, names) -> list[str]:
    """A message for each of the instance's fields `names` whose text is over its model field's limit."""
    errors = []
    for name in names:
        field = instance._meta.get_field(name)
        value = getattr(instance, name) or ""
        if field.max_length is not None and len(value) > field.max_length:
            errors.append(too_long(capfirst(field.verbose_name), field.max_length))
    return errors
