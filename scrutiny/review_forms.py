from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.contrib.auth import get_user_model

from common.forms import (
    BoundedModelMultipleChoiceField,
    GovUKDateField,
    GovUKFormMixin,
    IdentifierGuardMixin,
    limited_text_field,
)
from common.naming import display_name
from common.versioning import VersionedFormMixin
from partnerships.evidence_chooser import EvidenceChooserField, EvidenceChooserMixin
from partnerships.models import Membership
from scrutiny.models import AssuranceLevel, Judgement, QuestionResponse, Review, YearlyStatement


class ReviewForm(GovUKFormMixin, VersionedFormMixin, forms.ModelForm):
    """A review's title, period, scrutineers and status.

    Editing, it carries the version opened (common/versioning.py) and, on a published review,
    `confirm_unpublishing`: set only on the page that says who would lose the final reports
    (`ask_to_confirm_unpublishing`), so that moving it back is never a side effect of a save.
    """

    submit_label = "Save review"
    period_start = GovUKDateField(
        label="Start of the period", help_text="For example, 1 4 2026", name="Start of the period"
    )
    period_end = GovUKDateField(label="End of the period", help_text="For example, 31 3 2027", name="End of the period")
    scrutineers = BoundedModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The partnership's scrutineers who carry out this review.",
        error_messages={"required": "Choose at least one scrutineer"},
    )

    class Meta:
        model = Review
        fields = ["title", "period_start", "period_end", "scrutineers", "status"]
        widgets = {"status": forms.RadioSelect}
        error_messages = {"title": {"required": "Enter a title for the review"}}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scrutineers"].queryset = (
            get_user_model()
            .objects.filter(memberships__partnership=partnership, memberships__role=Membership.Role.SCRUTINEER)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["scrutineers"].label_from_instance = display_name
        if self.instance.pk and self.instance.is_published:
            self.fields["confirm_unpublishing"] = forms.BooleanField(required=False, widget=forms.HiddenInput)
            self.helper.layout = self._layout(self.submit_label)

    def _layout(self, submit_label):
        return Layout(*self.layout_fields(), Button.primary("submit", submit_label))

    def ask_to_confirm_unpublishing(self, status_label: str):
        """Show the form again, as sent, with a button that confirms moving the review back to `status_label`."""
        self.data = self.data.copy()
        self.data[self.add_prefix("confirm_unpublishing")] = "true"
        self.helper.layout = self._layout(f"Move it back to {status_label.lower()} and save")

    def layout_field(self, name):
        if name in ("version", "confirm_unpublishing"):
            return name
        if name in ("period_start", "period_end"):
            return Field(name)
        if name == "scrutineers":
            return Field.checkboxes(name, legend_size="s")
        if name == "status":
            return Field.radios(name, legend_size="s")
        return Field.text(name)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be the same as or after the start")
        return cleaned


class VersionedForm(GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A form over a record others may be editing: `version` is what the person saw."""

    def layout_field(self, name):
        if name == "version":
            return name
        field = self.fields[name]
        if isinstance(field.widget, forms.Textarea):
            return Field.textarea(name, max_characters=field.max_length)
        return super().layout_field(name)


def indicators_field(help_text: str) -> BoundedModelMultipleChoiceField:
    """Checkboxes of the partnership's indicators, offered by CitesIndicatorsMixin."""
    return BoundedModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Indicators relied on",
        help_text=help_text,
    )


class CitesIndicatorsMixin:
    """For a form with an `indicators_field`: the indicators a scrutineer may cite, as `indicators_offered`
    (scrutiny.judgements.IndicatorOffer) gives them: the recommendation's first, each with its latest value."""

    def __init__(self, *args, indicators_offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = indicators_offered.queryset
        self.fields["indicators"].label_from_instance = indicators_offered.label

    def layout_field(self, name):
        if name == "indicators":
            return Field.checkboxes(name, legend_size="s")
        return super().layout_field(name)


class JudgementForm(CitesIndicatorsMixin, EvidenceChooserMixin, IdentifierGuardMixin, VersionedForm):
    submit_label = "Save judgement"
    language_fields = ("rationale", "strengths", "areas_for_improvement")
    identifier_fields = language_fields

    level = forms.ChoiceField(
        label="Assurance level",
        choices=AssuranceLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an assurance level"},
    )
    rationale = limited_text_field(
        Judgement,
        "rationale",
        rows=5,
        help_text="Why this level: what the evidence shows and what it does not. Required unless not yet assessed.",
    )
    strengths = limited_text_field(
        Judgement, "strengths", rows=4, help_text="What the partnership does well on this recommendation."
    )
    areas_for_improvement = limited_text_field(
        Judgement, "areas_for_improvement", rows=4, help_text="What the partnership should do better, and first."
    )
    evidence = EvidenceChooserField(
        required=False,
        label="Evidence relied on",
        help_text="The partnership's evidence for this recommendation.",
    )
    indicators = indicators_field(
        "The partnership's figures the judgement relies on, as data: this recommendation's first."
    )

    def __init__(self, *args, evidence_queryset, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].offer(evidence_queryset, partnership=partnership)

    def layout_field(self, name):
        if name == "level":
            return Field.radios(name, legend_size="m")
        return super().layout_field(name)

    def clean(self):
        cleaned = super().clean()
        level, rationale = cleaned.get("level"), cleaned.get("rationale")
        # A rationale refused already (too long, say) is not missing.
        if level and level != AssuranceLevel.NOT_ASSESSED and not rationale and "rationale" not in self.errors:
            self.add_error("rationale", "Enter the rationale for this assurance level")
        return cleaned


class QuestionResponseForm(CitesIndicatorsMixin, EvidenceChooserMixin, IdentifierGuardMixin, VersionedForm):
    submit_label = "Save response"
    language_fields = ("partnership_response", "scrutineer_note")
    identifier_fields = language_fields

    partnership_response = limited_text_field(
        QuestionResponse,
        "partnership_response",
        label="The partnership's response",
        rows=5,
        help_text="What the partnership said or showed in answer to the question.",
    )
    scrutineer_note = limited_text_field(
        QuestionResponse,
        "scrutineer_note",
        label="Scrutineer's note",
        rows=5,
        help_text="Your view of the response: what it shows and what to follow up.",
    )
    evidence = EvidenceChooserField(
        required=False,
        label="Evidence relied on",
        help_text="The partnership's evidence for this question or its recommendations.",
    )
    indicators = indicators_field(
        "The partnership's figures the response relies on, as data: its recommendations' first."
    )

    def __init__(self, *args, evidence_queryset, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].offer(evidence_queryset, partnership=partnership)


class BoardSummaryForm(IdentifierGuardMixin, VersionedForm):
    """What the report puts first for the board: the scrutineer's opinion, the asks, the priorities."""

    submit_label = "Save the board summary"
    language_fields = ("overall_opinion", "board_asks", "next_priorities")
    identifier_fields = language_fields

    overall_opinion = limited_text_field(Review, "overall_opinion", rows=8)
    board_asks = limited_text_field(Review, "board_asks", rows=5)
    next_priorities = limited_text_field(Review, "next_priorities", rows=5)
    board_meeting = GovUKDateField(
        label="Board meeting (optional)",
        help_text="The date of the board meeting the report is for, if you know it. For example, 14 1 2027",
        name="Board meeting",
        required=False,
    )

    def layout_field(self, name):
        if name == "board_meeting":
            return Field(name)
        return super().layout_field(name)


class YearlyStatementForm(IdentifierGuardMixin, VersionedForm):
    """The yearly statement's words; a new one also asks when its twelve months begin."""

    submit_label = "Save the statement"
    language_fields = ("overall_statement", "methods")
    identifier_fields = language_fields

    overall_statement = limited_text_field(YearlyStatement, "overall_statement", rows=8)
    methods = limited_text_field(YearlyStatement, "methods", rows=5)

    def __init__(self, *args, new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields = {
                "period_start": GovUKDateField(
                    label="Start of the twelve months",
                    help_text="Usually the start of the partnership's reporting year. For example, 1 4 2026",
                    name="Start of the twelve months",
                ),
                **self.fields,
            }
            self.helper.layout = Layout(*self.layout_fields(), Button.primary("submit", self.submit_label))

    def layout_field(self, name):
        if name == "period_start":
            return Field(name)
        return super().layout_field(name)
