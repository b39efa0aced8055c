"""GOV.UK Design System forms through crispy-forms-gds, with the review's language guidance."""

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.db import connection, models
from django.forms.utils import pretty_name
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst

from common.identifiers import find_identifiers
from common.limits import too_long
from common.text import has_control_characters

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
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                refuse_control_characters(field, name)
        for name in self.language_fields:
            if name in self.fields:
                self.fields[name].widget.attrs["data-language-guidance"] = ""
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.layout_fields(), Button.primary("submit", self.submit_label))

    def layout_fields(self):
        items = []
        for name, field in self.fields.items():
            template = getattr(field, "layout_template", None)
            items.append(Field(name, template=template) if template else self.layout_field(name))
            if name in self.language_fields:
                items.append(HTML(GUIDANCE_HTML.replace("{name}", name)))
        return items

    def layout_field(self, name):
        """The crispy layout object for one field; override to choose radios, checkboxes, ..."""
        return Field(name)


class PlainTextValidator:
    """Refuses text with control characters (NUL included), naming the field and saying what to do."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, value):
        if value and has_control_characters(str(value)):
            raise ValidationError(self.message, code="control_characters")


def refuse_control_characters(field, name: str):
    """Give a text field PlainTextValidator in place of Django's own null-character check.

    Django refuses only NUL, with a message that names neither the field nor a fix; the
    other control characters would reach the database, the PDF reports and the exports.
    """
    label = str(field.label or pretty_name(name)).removesuffix(" (optional)")
    what = f"Your answer to “{label}”" if label.endswith("?") else label
    message = f"{what} contains hidden control characters: type it again, or paste it as plain text"
    field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
    field.validators.append(PlainTextValidator(message))


def limited_text_field(
    model, name: str, *, help_text: str = "", label: str = "", rows: int = 5, required_message: str = ""
) -> forms.CharField:
    """A textarea for the model's text field `name`, limited as the model limits it, with GOV.UK messages.

    Lay it out with `Field.textarea(name, max_characters=field.max_length)` for the character count;
    help text (the model field's unless given) is required because crispy-forms-gds 2.0.1 fails on a
    character count without it.
    """
    model_field = model._meta.get_field(name)
    help_text = help_text or model_field.help_text
    if not help_text:
        raise ValueError(f"{model.__name__}.{name} needs help text for its character count")
    label = label or capfirst(model_field.verbose_name)
    limit = model_field.max_length
    messages = {"max_length": too_long(label.removesuffix(" (optional)"), limit)}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required_message),
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of rows, refusing an id no row can have before asking the database.

    Django's `pk__in` lookup passes any integer on, and SQLite raises OverflowError (a 500)
    for one past 64 bits; `pk=` lookups, as ModelChoiceField makes, already treat it as no row.
    """

    def clean(self, value):
        if isinstance(value, list | tuple):
            for item, number in self._numbers(value):
                if not self._in_range(number):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super().clean(value)

    def possible_ids(self, values) -> list[int]:
        """The values (or rows) that could be ids of a row, as ints; the others left out, without a query."""
        return [number for _, number in self._numbers(getattr(v, "pk", v) for v in values) if self._in_range(number)]

    def _numbers(self, values):
        for item in values:
            try:
                yield item, int(str(item).strip())
            except ValueError:
                continue  # Django's own checks refuse what is not a number

    def _in_range(self, number: int) -> bool:
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if not isinstance(key, models.IntegerField):
            return True
        low, high = connection.ops.integer_field_range(key.get_internal_type())
        return low <= number <= high


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


IDENTIFIER_GUARD_FIELDS = ("identifier_confirmed", "identifier_reason", "identifier_checked")
# The reason goes into the history's change reason (a text column) after a short prefix.
IDENTIFIER_REASON_LIMIT = 500


class _IdentifierFindingsTable:
    """Crispy layout object: what the identifier check found, rendered from a template (never as one)."""

    def render(self, form, context, template_pack=None, **kwargs):
        return render_to_string("partials/identifier_findings.html", {"form": form})


class IdentifierGuardMixin:
    """Before anything is saved, look for what could identify a child or family, and ask about it.

    Put it before GovUKFormMixin's subclass in the bases. `identifier_fields` names the text
    fields to scan; a form with files adds their findings in `more_identifier_findings`. The
    check runs when everything else is valid. If it finds anything, the form is invalid and
    shows the findings, where each was found, a box to confirm they are not about a child or
    family and a reason (required): the person removes them, or confirms. A confirmation counts
    only for the findings it was shown with (`identifier_checked` carries their digest).

    Afterwards `identifier_change_reason` is the line for the history ("" when nothing was
    found) and cleaned_data holds the form's own fields only.
    """

    identifier_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.identifier_findings = []
        self.identifier_change_reason = ""
        self.fields["identifier_confirmed"] = forms.BooleanField(
            label="I confirm these are not about a child or family", required=False
        )
        self.fields["identifier_reason"] = forms.CharField(
            label="Why are they not about a child or family?",
            help_text="For example, it is the phone number of the front door team. "
            "This is kept in the record's history.",
            required=False,
            max_length=IDENTIFIER_REASON_LIMIT,
            widget=forms.Textarea(attrs={"rows": 2}),
            error_messages={
                "max_length": f"Why they are not about a child or family must be {IDENTIFIER_REASON_LIMIT} "
                "characters or fewer"
            },
        )
        self.fields["identifier_checked"] = forms.CharField(widget=forms.HiddenInput, required=False)
        refuse_control_characters(self.fields["identifier_reason"], "identifier_reason")

    def layout_fields(self):
        # A form that builds its layout again after __init__ must not show the questions before they apply.
        held = {name: self.fields.pop(name) for name in IDENTIFIER_GUARD_FIELDS if name in self.fields}
        try:
            return super().layout_fields()
        finally:
            self.fields.update(held)

    def more_identifier_findings(self) -> list:
        """Findings beyond the text fields (attachments); called only when the rest of the form is valid."""
        return []

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        if not self._errors:
            self._check_identifiers()
        for name in IDENTIFIER_GUARD_FIELDS:
            self.cleaned_data.pop(name, None)

    def _check_identifiers(self):
        findings = [
            finding
            for name in self.identifier_fields
            if name in self.fields
            for finding in find_identifiers(self.cleaned_data.get(name) or "", _place(self.fields[name], name))
        ]
        findings += self.more_identifier_findings()
        if not findings:
            return
        self.identifier_findings = findings
        digest = salted_hmac(
            "common.forms.identifier-findings", "\n".join(sorted(f"{f.kind}|{f.text}" for f in findings))
        ).hexdigest()[:32]
        confirmed = self.cleaned_data.get("identifier_confirmed")
        reason = " ".join((self.cleaned_data.get("identifier_reason") or "").split())
        seen = self.cleaned_data.get("identifier_checked") == digest
        if seen and confirmed and reason:
            count = len(findings)
            self.identifier_change_reason = (
                f"{count} possible identifier{'s' if count != 1 else ''} confirmed: {reason}"
            )
        elif seen and confirmed:
            self.add_error("identifier_reason", "Enter why they are not about a child or family")
        elif seen and reason:
            self.add_error(
                "identifier_confirmed",
                "Tick the box to confirm they are not about a child or family, or remove them",
            )
        elif confirmed or reason:
            self.add_error(
                "identifier_confirmed",
                "What could identify a child or family has changed: check the list again, then remove it or confirm",
            )
        else:
            self.add_error(
                "identifier_confirmed",
                "Remove what could identify a child or family, or confirm it is not about a child or family",
            )
        if not self.identifier_change_reason:
            self.data = self.data.copy()
            self.data[self.add_prefix("identifier_checked")] = digest
            self._show_identifier_questions()

    def _show_identifier_questions(self):
        self.helper.layout.fields[-1:-1] = [
            _IdentifierFindingsTable(),
            Field.checkbox("identifier_confirmed"),
            Field.textarea("identifier_reason", rows=2, max_characters=IDENTIFIER_REASON_LIMIT),
            "identifier_checked",
        ]


def _place(field, name) -> str:
    return str(field.label or pretty_name(name)).removesuffix(" (optional)")
