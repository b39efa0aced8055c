"""The lead safeguarding partner's decision on a final report: sign it off, or return it with a comment."""

from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from common.forms import GovUKFormMixin, IdentifierGuardMixin, limited_text_field
from scrutiny.models import SignOff
from scrutiny.sign_off import CHOOSE_DECISION, COMMENT_REQUIRED

Decision = SignOff.Decision
COMMENT_LIMIT = SignOff._meta.get_field("comment").max_length


class SignOffForm(IdentifierGuardMixin, GovUKFormMixin, forms.Form):
    submit_label = "Record your decision"
    language_fields = identifier_fields = ("comment",)

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[(Decision.SIGNED, "Sign off"), (Decision.RETURNED, "Return with a comment")],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_DECISION, "invalid_choice": CHOOSE_DECISION},
    )
    comment = limited_text_field(
        SignOff,
        "comment",
        label="Comment",
        help_text="Required if you return the report: say what must change. Optional if you sign it off. "
        "It is shown with your decision on the report's page. Do not name or identify any child or family.",
    )

    def __init__(self, *args, action="", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *self.layout_fields(), Button.primary("submit", self.submit_label, css_id="sign-off-submit")
        )
        self.helper.form_action = action
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.MEDIUM

    def layout_field(self, name):
        if name == "decision":
            return Field.radios(name, legend_size=Size.MEDIUM)
        return Field.textarea(name, rows=5, max_characters=COMMENT_LIMIT)

    def clean_comment(self):
        return self.cleaned_data["comment"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.RETURNED and not cleaned.get("comment") and "comment" not in self.errors:
            self.add_error("comment", COMMENT_REQUIRED)
        return cleaned
