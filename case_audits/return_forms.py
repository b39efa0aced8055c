"""The form of an agency's return (the round's tool: a grade and a rationale per domain, then strengths, concerns
and learning) and of a scrutineer reopening one. Every field may be blank here: a draft may be incomplete, and
whether a submission is complete is case_audits/returns.py's to say, naming each ungraded domain."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Button, Div, Field, Layout, Size
from django import forms
from django.utils.html import format_html

from case_audits import returns as return_service
from case_audits.models import NARRATIVE_LIMIT, RATIONALE_LIMIT, REASON_LIMIT
from common.forms import GovUKFormMixin, IdentifierGuardMixin, refuse_control_characters
from common.limits import too_long
from common.versioning import VersionedFormMixin

SAVE_DRAFT = "save_draft"  # the name of the button that saves a draft; the other submits
SUBMIT = "submit_return"
NO_NAMES = "Do not name or identify any child, family or practitioner."
NARRATIVE = {
    "strengths": ("Strengths", "What went well for the child in this case."),
    "concerns": ("Concerns", "What did not go well, or was missed."),
    "learning": ("Learning", "What your agency, or the partnership, should learn from the case."),
}


def _textarea(label: str, help_text: str, limit: int, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": too_long(label.removesuffix(" (optional)"), limit)},
    )


class ReturnForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """One agency's return on one case. Built from the round's tool: `grade_<domain>` radios of the tool's scale
    and `rationale_<domain>` per domain, in the tool's order; the version is the return's (0 before it exists)."""

    submit_label = "Submit return"

    def __init__(self, *args, case, answers, agency_return=None, **kwargs):
        tool = case.round.tool
        self.domains = [answer.domain for answer in answers]
        self.grades = {grade.code: grade for grade in tool.grades.all()}
        initial = {}
        for answer in answers:
            initial[return_service.grade_field(answer.domain)] = answer.grade.code if answer.grade else None
            initial[return_service.rationale_field(answer.domain)] = answer.rationale
        if agency_return is not None:
            initial |= {name: getattr(agency_return, name) for name in NARRATIVE}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, version=agency_return.version if agency_return is not None else 0, **kwargs)
        version = self.fields.pop("version")
        added = self._tool_fields(tool)
        for name, (label, hint) in NARRATIVE.items():
            added[name] = _textarea(f"{label} (optional)", f"{hint} {NO_NAMES}", NARRATIVE_LIMIT, 4)
        for name, field in added.items():
            if isinstance(field, forms.CharField):
                refuse_control_characters(field, name)  # GovUKFormMixin's check, on the fields added after it
        self.fields.update(added)
        self.fields["version"] = version
        self.identifier_fields = [
            *(return_service.rationale_field(domain) for domain in self.domains),
            *NARRATIVE,
        ]
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}
        buttons = Div(
            Button.primary(SUBMIT, "Submit return"),
            Button.secondary(SAVE_DRAFT, "Save and come back later"),
            css_class="govuk-button-group",
        )
        self.helper.layout = Layout(*self.layout_fields(), buttons)

    def _tool_fields(self, tool) -> dict:
        fields = {}
        scale = [Choice(grade.code, grade.label) for grade in self.grades.values()]
        for domain in self.domains:
            fields[return_service.grade_field(domain)] = forms.ChoiceField(
                label=domain.name,
                help_text=domain.guidance,
                choices=scale,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": f"Select one of this tool's grades for “{domain.name}”"},
            )
            fields[return_service.rationale_field(domain)] = _textarea(
                f"Why this grade for “{domain.name}”?",
                f"A sentence or two from the records. {NO_NAMES}",
                RATIONALE_LIMIT,
                3,
            )
        return fields

    def layout_fields(self):
        items = []
        for number, domain in enumerate(getattr(self, "domains", ()), start=1):
            items.append(HTML(format_html('<h2 class="govuk-heading-m">{}. {}</h2>', number, domain.name)))
            items.append(Field.radios(return_service.grade_field(domain), small=True))
            rationale = return_service.rationale_field(domain)
            items.append(Field.textarea(rationale, rows=3, max_characters=RATIONALE_LIMIT))
        if "strengths" in self.fields:
            items.append(HTML('<h2 class="govuk-heading-m">The case as a whole</h2>'))
            items += [Field.textarea(name, rows=4, max_characters=NARRATIVE_LIMIT) for name in NARRATIVE]
        if "version" in self.fields:
            items.append("version")
        return items

    def layout_field(self, name):
        return Field(name)

    def service_arguments(self, *, submit: bool) -> dict:
        data = self.cleaned_data
        answers = {
            domain: (
                self.grades.get(data.get(return_service.grade_field(domain)) or ""),
                data.get(return_service.rationale_field(domain)) or "",
            )
            for domain in self.domains
        }
        return {
            "answers": answers,
            "strengths": data.get("strengths") or "",
            "concerns": data.get("concerns") or "",
            "learning": data.get("learning") or "",
            "submit": submit,
            "change_reason": self.identifier_change_reason,
        }


class ReopenForm(IdentifierGuardMixin, GovUKFormMixin, forms.Form):
    """Why a scrutineer reopens a submitted return: kept in the return's history."""

    submit_label = "Reopen the return"
    identifier_fields = ("reason",)

    reason = forms.CharField(
        label="Why is the return being reopened?",
        help_text="The agency sees the return as a draft again, to change and submit. This is kept in the return's "
        "history. " + NO_NAMES,
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": return_service.REASON_REQUIRED, "max_length": too_long("Reason", REASON_LIMIT)},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = Size.SMALL

    def layout_field(self, name):
        return Field.textarea(name, rows=3, max_characters=REASON_LIMIT)
