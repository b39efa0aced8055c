"""Forms of the challenge log: raise a challenge, respond, accept, ask again, escalate.

The detail page can show several of these at once, so each has its own prefix (and
with it its own field and button ids) and posts to its own URL.
"""

import datetime

from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.forms import BoundedModelMultipleChoiceField, GovUKDateField, GovUKFormMixin, IdentifierGuardMixin
from common.limits import too_long
from common.naming import PARTNERSHIP_AS_A_WHOLE
from scrutiny.models import CHALLENGE_TEXT_LIMIT

TEXT_LIMIT = CHALLENGE_TEXT_LIMIT
DATE_HINT = "For example, 27 3 2026"


class DueDateField(GovUKDateField):
    """The GOV.UK date input for a response due date, which must not be in the past."""

    def __init__(self, *, name="Response due date", **kwargs):
        super().__init__(name=name, **kwargs)
        self.past_message = f"{name} must be today or in the future"

    def validate(self, value):
        super().validate(value)
        if isinstance(value, datetime.date) and value < timezone.localdate():
            raise ValidationError(self.past_message, code="past")


class ChallengeFormBase(GovUKFormMixin, forms.Form):
    """A GOV.UK form whose button id is unique on the page and which posts to `action`."""

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        button_id = f"{self.prefix or 'challenge'}-submit"
        self.helper.layout = Layout(
            *self.layout_fields(), Button.primary("submit", self.submit_label, css_id=button_id)
        )
        self.helper.form_action = action
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = self.helper.legend_size = Size.SMALL

    def layout_field(self, name):
        field = self.fields[name]
        if isinstance(field.widget, forms.Textarea):
            return Field.textarea(name, rows=6, max_characters=TEXT_LIMIT)
        return Field(name)


def _text_field(label, help_text, required_message=None):
    # Help text is required: crispy-forms-gds 2.0.1 fails on a character count without it.
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": required_message or "",
            "max_length": too_long(label.rstrip("?").removesuffix(" (optional)"), TEXT_LIMIT),
        },
    )


class RaiseChallengeForm(IdentifierGuardMixin, ChallengeFormBase):
    submit_label = "Raise challenge"
    language_fields = identifier_fields = ("text",)

    text = forms.CharField(
        label="Your challenge",
        help_text="Say what you want the partnership or agency to show or explain, and why. "
        "Do not name or identify any child or family.",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter your challenge",
            "max_length": too_long("Your challenge", TEXT_LIMIT),
        },
    )
    agency = forms.ModelChoiceField(
        label="Who is the challenge to?",
        queryset=None,
        required=False,
        empty_label=PARTNERSHIP_AS_A_WHOLE,
        help_text="Choose an agency, or leave the partnership as a whole.",
    )
    recommendations = BoundedModelMultipleChoiceField(
        label="Which recommendations is it about?",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one recommendation the challenge is about"},
    )
    response_due = DueDateField(label="When is a response due?", help_text=DATE_HINT)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = partnership.agencies.order_by("name")
        self.fields["recommendations"].queryset = partnership.framework.recommendations.order_by("position")

    def layout_field(self, name):
        if name == "agency":
            return Field.select(name)
        if name == "recommendations":
            return Field.checkboxes(name, small=True)
        return super().layout_field(name)


class RespondForm(IdentifierGuardMixin, ChallengeFormBase):
    submit_label = "Send response"
    language_fields = identifier_fields = ("text",)
    text = _text_field(
        "Your response", "Say what has been done or will be done, by whom and by when.", "Enter your response"
    )


class AcceptForm(IdentifierGuardMixin, ChallengeFormBase):
    submit_label = "Accept response"
    language_fields = identifier_fields = ("note",)
    note = _text_field("Note (optional)", "Anything the partnership should know about why you accept it.")


class AskAgainForm(IdentifierGuardMixin, ChallengeFormBase):
    submit_label = "Ask again"
    language_fields = identifier_fields = ("text",)
    text = _text_field("What is still missing?", "Say what the response did not answer.", "Enter what is still missing")
    response_due = DueDateField(label="When is the new response due?", help_text=DATE_HINT, name="New due date")


class EscalateForm(IdentifierGuardMixin, ChallengeFormBase):
    submit_label = "Escalate challenge"
    language_fields = identifier_fields = ("text",)
    text = _text_field(
        "Why are you escalating it?",
        "The challenge goes to the lead safeguarding partners (the local authority, the integrated care board "
        "and the police), who are told by email and asked to respond.",
        "Enter why you are escalating the challenge",
    )
