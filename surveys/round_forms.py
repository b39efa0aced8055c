"""Forms of a survey round and of withholding an answer, in the GOV.UK template pack. They read what was typed and
offer the partnership's own choices; surveys/rounds.py and surveys/withholding.py check the rest and write, their
messages landing on these fields."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from common.forms import BoundedModelMultipleChoiceField, GovUKDateField, GovUKFormMixin, IdentifierGuardMixin
from common.limits import too_long
from common.versioning import VersionedFormMixin
from surveys import rounds as round_service
from surveys import withholding
from surveys.models import REASON_LIMIT, TITLE_LIMIT, SurveyRound

DATE_HINT = "For example, 27 3 2026"
SUGGESTED = (
    "Suggested by this service (not the Panel's): the confidence and training questions. The reflective questions "
    "are the Panel's own."
)
ONLY_THESE = "Select only the agencies listed"


class RoundForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A round's title, template, opening and closing dates and the agencies taking part."""

    submit_label = "Open the survey round"
    identifier_fields = ("title",)

    title = forms.CharField(
        label="Title",
        help_text="For example, Practitioners' voice: spring 2026.",
        max_length=TITLE_LIMIT,
        error_messages={"required": "Enter a title for the round", "max_length": too_long("Title", TITLE_LIMIT)},
    )
    template = forms.ChoiceField(
        label="Survey",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the survey", "invalid_choice": round_service.TEMPLATE_REQUIRED},
    )
    opens_on = GovUKDateField(
        name="Opening date", label="Opens on", help_text=f"Answers are taken from this day. {DATE_HINT}"
    )
    closes_on = GovUKDateField(
        name="Closing date",
        label="Closes on",
        help_text=f"Answers are taken to the end of this day; you can close the round earlier. {DATE_HINT}",
    )
    agencies = BoundedModelMultipleChoiceField(
        None,
        label="Agencies taking part",
        help_text="Each gets one link to send to its staff. Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": round_service.AGENCY_REQUIRED,
            "invalid_choice": ONLY_THESE,
            "invalid_pk_value": ONLY_THESE,
        },
    )

    def __init__(self, *args, partnership, survey_round: SurveyRound | None = None, **kwargs):
        self.templates = {template.code: template for template in round_service.templates_for(partnership)}
        if survey_round is not None:
            self.submit_label = "Save changes"
            kwargs.setdefault("initial", initial_of_round(survey_round))
        super().__init__(*args, version=survey_round.version if survey_round is not None else None, **kwargs)
        self.fields["template"].choices = [
            Choice(template.code, template.name, hint=f"{template.description} {SUGGESTED}")
            for template in self.templates.values()
        ]
        self.fields["agencies"].queryset = partnership.agencies.order_by("name")
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}

    def layout_field(self, name):
        if name == "template":
            return Field.radios(name)
        if name == "agencies":
            return Field.checkboxes(name, small=True)
        return Field(name)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "template": self.templates.get(data["template"]),
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "agencies": list(data["agencies"]),
            "change_reason": self.identifier_change_reason,
        }


def initial_of_round(survey_round: SurveyRound) -> dict:
    return {
        "title": survey_round.title,
        "template": survey_round.template.code,
        "opens_on": survey_round.opens_on,
        "closes_on": survey_round.closes_on,
        "agencies": [agency.pk for agency in survey_round.agencies.all()],
    }


class WithholdForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """Why a scrutineer withholds a free-text answer from the results (or shows it again): kept on the answer and
    in its history."""

    identifier_fields = ("reason",)

    reason = forms.CharField(
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is kept in the answer's history. Do not name or identify anyone.",
    )

    def __init__(self, *args, restoring: bool = False, **kwargs):
        self.submit_label = "Show the answer again" if restoring else "Withhold the answer"
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = "Why is the answer shown again?" if restoring else "Why is the answer withheld?"
        field.error_messages = {
            **field.error_messages,
            "required": withholding.RESTORE_REASON_REQUIRED if restoring else withholding.REASON_REQUIRED,
            "max_length": withholding.REASON_TOO_LONG,
        }
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = Size.SMALL

    def layout_field(self, name):
        if name == "reason":
            return Field.textarea(name, rows=3, max_characters=REASON_LIMIT)
        return Field(name)
