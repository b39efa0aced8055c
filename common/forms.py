"""GOV.UK Design System forms through crispy-forms-gds, with the review's language guidance."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Layout
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

GUIDANCE_HTML = (
    "{% load language_guidance %}{% language_suggestions form.{name}.value language_rules form.{name}.auto_id %}"
)


class GovUKFormMixin:
    """A FormHelper with a primary button after the fields.

    Fields named in `language_fields` get the review's language suggestions beside them:
    from the server for the text as it stands, and as the person types with JavaScript.
    Views put the rules in the template context as `language_rules`.
    """

    submit_label = "Continue"
    language_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.language_fields:
            if name in self.fields:
                self.fields[name].widget.attrs["data-language-guidance"] = ""
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.layout_fields(), Button.primary("submit", self.submit_label))

    def layout_fields(self):
        items = []
        for name in self.fields:
            items.append(self.layout_field(name))
            if name in self.language_fields:
                items.append(HTML(GUIDANCE_HTML.replace("{name}", name)))
        return items

    def layout_field(self, name):
        """The crispy layout object for one field; override to choose radios, checkboxes, ..."""
        return Field(name)


class GovUKDateField(DateInputField):
    """The GOV.UK date input (day, month, year), with messages that name the date and say what to do.

    `name` is the date's name as a person reads it, e.g. "Date of the evidence". A missing day,
    month or year is reported on that part; the year must have 4 numbers; an impossible date or
    a huge year is "must be a real date", never Python's own message or a 500. Post it as
    `<field>_0` (day), `<field>_1` (month), `<field>_2` (year).
    """

    def __init__(self, *, name: str, **kwargs):
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        self.name = name
        self.error_messages = {**self.error_messages, "required": f"Enter the {name[0].lower()}{name[1:]}"}
        for part, subfield in zip(("day", "month", "year"), self.fields, strict=True):
            subfield.error_messages["incomplete"] = f"{name} must include a {part}"
            subfield.validators = [RegexValidator(r"^\s*[0-9]+\s*$", f"{name} must be a real date")]

    def compress(self, data_list):
        if not data_list:
            return None
        day, month, year = (str(part).strip() if part else "" for part in data_list)
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError(f"{self.name}: the year must include 4 numbers")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(f"{self.name} must be a real date") from None
