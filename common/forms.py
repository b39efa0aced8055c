"""GOV.UK Design System forms through crispy-forms-gds, with the review's language guidance."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Layout

GUIDANCE_HTML = (
    "{% load language_guidance %}"
    '{% language_suggestions form.{name}.value language_rules form.{name}.auto_id %}'
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
