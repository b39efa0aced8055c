"""Forms of moderation, findings and publishing, in the GOV.UK template pack. They read what was typed and offer
the choices; case_audits/moderation.py and case_audits/findings.py check the rules again and write, and their
messages land on these forms' fields (the services key them by the same names).

Every free text (a moderation reason, a finding, an action's description, the evidence's title) goes through the
identifier check (common.forms.IdentifierGuardMixin) and, where it is prose, the review's language guidance.
"""

from crispy_forms_gds.layout import HTML, Div, Field, Size
from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from case_audits import findings as finding_service
from case_audits.models import REASON_LIMIT, Finding
from case_audits.moderation import grade_field, no_agreed_grade, not_on_the_scale, reason_field
from common.forms import GUIDANCE_HTML, GovUKFormMixin, IdentifierGuardMixin, limited_text_field
from common.limits import too_long
from common.versioning import VersionedFormMixin
from partnerships import action_rules
from partnerships.action_forms import ActionItemForm
from partnerships.forms import CodeMultipleChoiceField


class _DomainPanel:
    """Crispy layout object: one domain's heading, guidance and every agency's own grade, from a template."""

    def __init__(self, row):
        self.row = row

    def render(self, form, context, template_pack=None, **kwargs):
        return render_to_string("case_audits/_moderation_domain.html", {"row": self.row})


class _DomainFields:
    """Adds an agreed grade and a reason per domain to the form's fields, before the layout is built."""

    def __init__(self, *args, sheet, scale, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(grade.code, grade.label) for grade in scale]
        for row in sheet.rows:
            domain = row.domain
            self.fields[grade_field(domain)] = forms.ChoiceField(
                label=f"Agreed grade for “{domain.name}”",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": no_agreed_grade(domain), "invalid_choice": not_on_the_scale(domain)},
            )
            self.fields[reason_field(domain)] = forms.CharField(
                label=f"Reason for the agreed grade for “{domain.name}” (optional)",
                help_text="Required where the agreed grade differs from an agency's own. "
                "Do not name or identify any child or family.",
                required=False,
                max_length=REASON_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": too_long(f"The reason for “{domain.name}”", REASON_LIMIT)},
            )
            if row.agreed is not None:
                self.initial.setdefault(grade_field(domain), row.agreed.grade.code)
                self.initial.setdefault(reason_field(domain), row.agreed.reason)


class ModerationForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, _DomainFields, forms.Form):
    """The agreed grade of every domain of one case, with the reason where it differs. Carries the case's version."""

    submit_label = "Save agreed grades"

    def __init__(self, *args, audit_case, sheet, **kwargs):
        self.sheet = sheet
        self.identifier_fields = self.language_fields = tuple(reason_field(row.domain) for row in sheet.rows)
        super().__init__(
            *args, sheet=sheet, scale=list(audit_case.round.tool.grades.all()), version=audit_case.version, **kwargs
        )
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = self.helper.legend_size = Size.SMALL

    def layout_fields(self):
        items = []
        for row in self.sheet.rows:
            reason = reason_field(row.domain)
            items.append(
                Div(
                    _DomainPanel(row),
                    Field.radios(grade_field(row.domain), small=True, inline=True),
                    Field.textarea(reason, rows=3, max_characters=REASON_LIMIT),
                    HTML(GUIDANCE_HTML.replace("{name}", reason)),
                    css_class="govuk-!-margin-bottom-8",
                )
            )
        if "version" in self.fields:
            items.append(Field("version"))
        return items

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "grades": {row.domain.code: data.get(grade_field(row.domain)) for row in self.sheet.rows},
            "reasons": {row.domain.code: data.get(reason_field(row.domain)) or "" for row in self.sheet.rows},
            "change_reason": self.identifier_change_reason,
        }


class FindingForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A finding of a round: its kind, its text, its recommendations. Changing one carries its version."""

    submit_label = "Save finding"
    language_fields = identifier_fields = ("text",)

    kind = forms.ChoiceField(
        label="What kind of finding is it?",
        choices=Finding.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": finding_service.KIND_REQUIRED, "invalid_choice": finding_service.KIND_REQUIRED},
    )
    text = limited_text_field(
        Finding,
        "text",
        label="The finding",
        help_text="What the audit found across its cases, once. Refer to cases by their reference only: do not "
        "name or identify any child or family.",
        required_message=finding_service.TEXT_REQUIRED,
    )
    recommendations = CodeMultipleChoiceField(
        None,
        label_from=lambda r: f"{r.code}: {r.title}",
        label="Which recommendations does it bear on?",
        help_text="Select all that apply.",
        error_messages={
            "required": finding_service.RECOMMENDATION_REQUIRED,
            "invalid_choice": finding_service.RECOMMENDATION_OF_ANOTHER_FRAMEWORK,
        },
    )

    def __init__(self, *args, audit_round, finding=None, **kwargs):
        if finding is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": finding.kind,
                    "text": finding.text,
                    "recommendations": [r.code for r in finding.recommendations.all()],
                },
            )
        super().__init__(*args, version=finding.version if finding is not None else None, **kwargs)
        self.fields["recommendations"].queryset = audit_round.partnership.framework.recommendations.order_by("position")
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = self.helper.legend_size = Size.SMALL

    def layout_field(self, name):
        if name == "kind":
            return Field.radios(name, small=True)
        if name == "text":
            return Field.textarea(name, rows=6, max_characters=self.fields[name].max_length)
        if name == "recommendations":
            return Field.checkboxes(name, small=True)
        return Field(name)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "recommendations": list(data["recommendations"]),
            "change_reason": self.identifier_change_reason,
        }


class FindingActForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A finding made an action of the plan and a piece of evidence, in one step. Carries the finding's version."""

    submit_label = "Make the action and the evidence"
    language_fields = ("description",)
    identifier_fields = ("description", "title")

    # The action plan's own fields, its messages with them (partnerships/action_forms.py).
    description = ActionItemForm.base_fields["description"]
    owner_agency = ActionItemForm.base_fields["owner_agency"]
    lead_name = ActionItemForm.base_fields["lead_name"]
    start_date = ActionItemForm.base_fields["start_date"]
    due_date = ActionItemForm.base_fields["due_date"]
    title = forms.CharField(
        label="Title of the evidence",
        help_text="The evidence is logged as an audit report from case files, tested in practice, for the "
        "partnership as a whole, with the finding's text and the round's theme as its summary.",
        max_length=finding_service.EVIDENCE_TITLE_LIMIT,
        error_messages={
            "required": "Enter the title of the evidence",
            "max_length": too_long("Title of the evidence", finding_service.EVIDENCE_TITLE_LIMIT),
        },
    )

    def __init__(self, *args, finding, **kwargs):
        self.partnership = finding.round.partnership
        kwargs.setdefault(
            "initial",
            {
                "description": finding.text,
                "start_date": timezone.localdate(),
                "title": finding_service.evidence_title(finding),
            },
        )
        super().__init__(*args, version=finding.version, **kwargs)
        self.fields["owner_agency"].queryset = self.partnership.agencies.order_by("name")
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = self.helper.legend_size = Size.SMALL

    def layout_field(self, name):
        if name == "description":
            return Field.textarea(name, rows=5, max_characters=action_rules.DESCRIPTION_LIMIT)
        if name in ("lead_name", "title"):
            return Field.text(name, field_width="two-thirds" if name == "lead_name" else "full")
        return Field(name)

    def clean(self):
        """The plan's rules for the action's own values (partnerships/action_rules.py), each on its field."""
        data = super().clean()
        values = action_rules.cleaned(data)
        breaches = [
            *action_rules.description(values["description"]),
            *action_rules.lead_name(values["lead_name"]),
            *action_rules.owner_agency(values["owner_agency"], self.partnership),
            *action_rules.dates(values["start_date"], values["due_date"]),
        ]
        for breach in breaches:
            if breach.field not in self.errors:
                self.add_error(breach.field, breach.message)
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "description": data["description"],
            "owner_agency": data["owner_agency"],
            "lead_name": data["lead_name"],
            "start_date": data["start_date"],
            "due_date": data["due_date"],
            "title": data["title"],
            "change_reason": self.identifier_change_reason,
        }
