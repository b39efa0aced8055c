"""Forms of an audit round and its cases, in the GOV.UK template pack. They read what was typed and offer the
partnership's own choices; case_audits/rounds.py checks the rest and writes, its messages landing on these fields.

The case's reference has no "confirm it is not an identifier" option: rounds.reference_problem refuses it.
"""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from case_audits import rounds as round_service
from case_audits.models import REFERENCE_LIMIT, THEME_LIMIT, TITLE_LIMIT, AgeBand, AuditCase, AuditRound
from common.forms import BoundedModelMultipleChoiceField, GovUKDateField, GovUKFormMixin, IdentifierGuardMixin
from common.limits import too_long
from common.versioning import VersionedFormMixin
from partnerships.forms import CodeMultipleChoiceField

DATE_HINT = "For example, 27 3 2026"
SUGGESTED = "Suggested by this service (not the Panel's)."
ONLY_THESE = "Select only the {what} listed"


class RoundForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A round's title, theme, tool, period, due date and the agencies taking part."""

    submit_label = "Save audit round"
    identifier_fields = ("title", "theme")

    title = forms.CharField(
        label="Title",
        help_text="For example, Intrafamilial child sexual abuse: multi-agency audit 2026.",
        max_length=TITLE_LIMIT,
        error_messages={"required": "Enter a title for the round", "max_length": too_long("Title", TITLE_LIMIT)},
    )
    theme = forms.CharField(
        label="Theme",
        help_text="What the round looks at, and why now. Do not name or identify any child or family.",
        max_length=THEME_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the theme: what the round looks at, and why now",
            "max_length": too_long("Theme", THEME_LIMIT),
        },
    )
    tool = forms.ChoiceField(
        label="Audit tool",
        help_text=f"The tool every agency completes for each case. {SUGGESTED}",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the audit tool",
            "invalid_choice": "Select one of the audit tools listed",
        },
    )
    period_start = GovUKDateField(name="Start of the period", label="Cases from", help_text=DATE_HINT)
    period_end = GovUKDateField(name="End of the period", label="Cases to", help_text=DATE_HINT)
    due_date = GovUKDateField(
        name="Date returns are due", label="Returns due", help_text=f"Agencies' returns are due by then. {DATE_HINT}"
    )
    agencies = BoundedModelMultipleChoiceField(
        None,
        label="Agencies taking part",
        help_text="Each completes the tool for the cases it was involved in. Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": round_service.AGENCY_REQUIRED,
            "invalid_choice": ONLY_THESE.format(what="agencies"),
            "invalid_pk_value": ONLY_THESE.format(what="agencies"),
        },
    )

    def __init__(self, *args, partnership, audit_round: AuditRound | None = None, **kwargs):
        self.tools = {tool.code: tool for tool in round_service.tools_for(partnership)}
        if audit_round is not None:
            self.submit_label = "Save changes"
            kwargs.setdefault("initial", initial_of_round(audit_round))
        super().__init__(*args, version=audit_round.version if audit_round is not None else None, **kwargs)
        self.fields["tool"].choices = [
            Choice(tool.code, tool.name, hint=tool.description) for tool in self.tools.values()
        ]
        self.fields["agencies"].queryset = partnership.agencies.order_by("name")
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}

    def layout_field(self, name):
        if name == "theme":
            return Field.textarea(name, rows=4, max_characters=THEME_LIMIT)
        if name == "tool":
            return Field.radios(name)
        if name == "agencies":
            return Field.checkboxes(name, small=True)
        return Field(name)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "theme": data["theme"],
            "tool": self.tools.get(data["tool"]),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "due_date": data["due_date"],
            "agencies": list(data["agencies"]),
            "change_reason": self.identifier_change_reason,
        }


def initial_of_round(audit_round: AuditRound) -> dict:
    return {
        "title": audit_round.title,
        "theme": audit_round.theme,
        "tool": audit_round.tool.code,
        "period_start": audit_round.period_start,
        "period_end": audit_round.period_end,
        "due_date": audit_round.due_date,
        "agencies": [agency.pk for agency in audit_round.agencies.all()],
    }


class CaseForm(GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A case of the round: the partnership's own reference, the child's age band, the agencies involved and the
    recommendations it bears on."""

    submit_label = "Save case"

    reference = forms.CharField(
        label="Case reference",
        help_text=AuditCase._meta.get_field("reference").help_text,
        max_length=REFERENCE_LIMIT,
        error_messages={
            "required": round_service.REFERENCE_REQUIRED,
            "max_length": f"The case reference must be {REFERENCE_LIMIT} characters or fewer. "
            f"{round_service.REFERENCE_ADVICE}",
        },
    )
    age_band = forms.ChoiceField(
        label="Child's age",
        help_text="When the case was open.",
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's age", "invalid_choice": "Select the child's age"},
    )
    agencies = BoundedModelMultipleChoiceField(
        None,
        label="Agencies involved",
        help_text="Each makes a return on the case. Only the agencies taking part in the round are listed.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": round_service.CASE_AGENCY_REQUIRED,
            "invalid_choice": ONLY_THESE.format(what="agencies"),
            "invalid_pk_value": ONLY_THESE.format(what="agencies"),
        },
    )
    recommendations = CodeMultipleChoiceField(
        None,
        label_from=lambda r: f"{r.code}: {r.title}",
        label="Which recommendations does the case bear on?",
        help_text="Select all that apply.",
        error_messages={
            "required": round_service.RECOMMENDATION_REQUIRED,
            "invalid_choice": ONLY_THESE.format(what="recommendations"),
        },
    )

    def __init__(self, *args, audit_round: AuditRound, case: AuditCase | None = None, **kwargs):
        taking_part = audit_round.agencies.order_by("name")
        if case is not None:
            self.submit_label = "Save changes"
            kwargs.setdefault("initial", initial_of_case(case))
        else:
            kwargs.setdefault("initial", {}).setdefault("agencies", [agency.pk for agency in taking_part])
        super().__init__(*args, version=case.version if case is not None else None, **kwargs)
        self.fields["agencies"].queryset = taking_part
        self.fields["recommendations"].queryset = audit_round.partnership.framework.recommendations.order_by("position")
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}

    def layout_field(self, name):
        if name == "reference":
            return Field.text(name, field_width=20)
        if name == "age_band":
            return Field.radios(name, small=True)
        if name in ("agencies", "recommendations"):
            return Field.checkboxes(name, small=True)
        return Field(name)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "reference": data["reference"],
            "age_band": data["age_band"],
            "agencies": list(data["agencies"]),
            "recommendations": list(data["recommendations"]),
        }


def initial_of_case(case: AuditCase) -> dict:
    return {
        "reference": case.reference,
        "age_band": case.age_band,
        "agencies": [agency.pk for agency in case.agencies.all()],
        "recommendations": [r.code for r in case.recommendations.all()],
    }
