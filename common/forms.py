"""GOV.UK Design System forms through crispy-forms-gds, with the review's language guidance."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Layout
from django.core.exceptions import ValidationError

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
    """The GOV.UK day, month and year date input, with messages in GOV.UK style.

    crispy-forms-gds passes Python's own message through for an impossible date and lets a
    huge year escape as OverflowError (a 500); this answers both with "Enter a real date".
    Post it as `<name>_0` (day), `<name>_1` (month), `<name>_2` (year).
    """

    def __init__(self, *, what="the date", **kwargs):
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["incomplete"] = f"Enter {what} as a day, month and year"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError("Enter a real date, for example 27 3 2026", code="invalid") from None
