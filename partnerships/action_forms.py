"""Forms of the action plan, in the GOV.UK template pack: an item, a progress update, the list's filters.

The forms only check input and offer the partnership's own choices (its agencies, its
current evidence, its framework's recommendations); partnerships/actions.py writes. An item's
form shows the breaches of the rules of an item (partnerships/action_rules.py) on their fields.
A scrutineer's verification of completion has its own form: a note, the item's version.
"""

from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from common.forms import (
    BoundedModelMultipleChoiceField,
    GovUKDateField,
    GovUKFormMixin,
    IdentifierGuardMixin,
    limited_text_field,
)
from common.limits import too_long
from common.versioning import VersionedFormMixin
from partnerships import action_rules
from partnerships import actions as action_service
from partnerships.evidence_chooser import EvidenceChooserField, EvidenceChooserMixin
from partnerships.forms import CodeMultipleChoiceField, recommendation_choices
from partnerships.models import ActionItem, Evidence

Status = ActionItem.Status
DATE_HINT = "For example, 27 3 2026"
NOT_THIS_PARTNERSHIPS = "Select only this partnership's {what}"


def _invalid(message) -> dict:
    """The same message for a choice that is not offered and for a value that is not a choice at all."""
    return {"invalid_choice": message, "invalid_pk_value": message}


class ActionItemForm(EvidenceChooserMixin, IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """Every field of an action item, with the choices of the membership's partnership.

    Changing an item, the form carries the version it was opened at (common/versioning.py).
    """

    submit_label = "Save action"
    language_fields = identifier_fields = ("description",)

    description = forms.CharField(
        label="What is the action?",
        help_text="What will be done, and what it should change for children. Do not name or identify any "
        "child or family.",
        max_length=action_rules.DESCRIPTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": action_rules.DESCRIPTION_REQUIRED,
            "max_length": too_long("Description", action_rules.DESCRIPTION_LIMIT),
        },
    )
    recommendations = CodeMultipleChoiceField(
        None,
        label_from=lambda r: f"{r.code}: {r.title}",
        label="Which recommendations does it answer?",
        help_text="Select all that apply.",
        error_messages={
            "required": action_rules.RECOMMENDATION_REQUIRED,
            "invalid_choice": NOT_THIS_PARTNERSHIPS.format(what="framework's recommendations"),
        },
    )
    owner_agency = forms.ModelChoiceField(
        None,
        label="Owner agency",
        help_text="The agency accountable for the action. Its contributors can post progress updates.",
        empty_label="Choose an agency",
        error_messages={
            "required": "Select the agency that owns the action",
            **_invalid(NOT_THIS_PARTNERSHIPS.format(what="agencies")),
        },
    )
    contributing_agencies = BoundedModelMultipleChoiceField(
        None,
        label="Contributing agencies (optional)",
        help_text="Other agencies with a part in it. Select all that apply.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid(NOT_THIS_PARTNERSHIPS.format(what="agencies")),
    )
    lead_name = forms.CharField(
        label="Named lead",
        help_text="The person who leads this action, with their role. For example, Jo Smith, Designated Nurse.",
        max_length=action_rules.LEAD_NAME_LIMIT,
        error_messages={
            "required": action_rules.LEAD_NAME_REQUIRED,
            "max_length": too_long("Named lead", action_rules.LEAD_NAME_LIMIT),
        },
    )
    start_date = GovUKDateField(name="Start date", label="Start date", help_text=DATE_HINT)
    due_date = GovUKDateField(name="Due date", label="Due date", help_text=DATE_HINT)
    status = forms.ChoiceField(
        label="Status",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": action_rules.STATUS_REQUIRED},
    )
    completion_evidence = EvidenceChooserField(
        label="Evidence of completion (optional)",
        help_text="The partnership's evidence that shows the action was done. Select all that apply.",
        required=False,
        error_messages=_invalid(NOT_THIS_PARTNERSHIPS.format(what="current evidence")),
    )
    impact_evidenced = forms.BooleanField(
        label="Impact on children has been evidenced",
        help_text="Completing an action is not the same as making children safer. Tick this only when evidence "
        "shows what has changed for children, and select that evidence below: at least one item a scrutineer "
        f"has graded “{Evidence.Strength.IMPACT.label}”.",
        required=False,
    )
    impact_evidence = EvidenceChooserField(
        label="Evidence of impact on children (optional)",
        help_text="For example, children's feedback, case-file audits or outcome data. Select all that apply. "
        f"Evidence a scrutineer has graded “{Evidence.Strength.IMPACT.label}” says so.",
        required=False,
        error_messages=_invalid(NOT_THIS_PARTNERSHIPS.format(what="current evidence")),
    )

    def __init__(self, *args, partnership, item=None, **kwargs):
        self.partnership = partnership
        self.already_cited = set()  # the evidence the item cites as the form opens: kept though withdrawn since
        if item is not None:
            self.submit_label = "Save changes"
            opened = initial_for(item)
            self.already_cited = {*opened["completion_evidence"], *opened["impact_evidence"]}
            kwargs.setdefault("initial", opened)
        else:
            kwargs.setdefault("initial", {}).setdefault("status", Status.NOT_STARTED)
        super().__init__(*args, version=item.version if item is not None else None, **kwargs)
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}
        self.fields["recommendations"].queryset = partnership.framework.recommendations.order_by("position")
        agencies = partnership.agencies.order_by("name")
        self.fields["owner_agency"].queryset = agencies
        self.fields["contributing_agencies"].queryset = agencies
        evidence = (
            action_service.evidence_for_choice(partnership, item).select_related("agency").order_by("-date", "-pk")
        )
        self.fields["completion_evidence"].offer(evidence, partnership=partnership)
        self.fields["impact_evidence"].offer(evidence, partnership=partnership)
        if not evidence.exists():
            for name in ("completion_evidence", "impact_evidence"):
                self.fields[name].help_text = "No evidence has been logged yet: log it in the evidence register first."

    def layout_field(self, name):
        if name == "description":
            return Field.textarea(name, rows=5, max_characters=action_rules.DESCRIPTION_LIMIT)
        if name in ("recommendations", "contributing_agencies"):
            return Field.checkboxes(name, small=True)
        if name == "status":
            return Field.radios(name, small=True)
        if name == "impact_evidenced":
            return Field.checkbox(name)
        if name == "lead_name":
            return Field.text(name, field_width="two-thirds")
        return Field(name)

    def clean(self):
        """The rules of an item (partnerships/action_rules.py), each message on its field.

        A field with an error of its own already (required, not one of the choices...) keeps that one
        alone: it says first what is wrong, and the rules read a value that did not clean as empty.
        """
        data = super().clean()
        values = action_rules.cleaned(data)
        for breach in action_rules.check(values, partnership=self.partnership, already_cited=self.already_cited):
            if breach.field not in self.errors:
                self.add_error(breach.field, breach.message)
        return data

    def service_arguments(self) -> dict:
        """The cleaned data as the keyword arguments of create_action and update_action."""
        data = self.cleaned_data
        return {
            "recommendations": list(data["recommendations"]),
            "description": data["description"],
            "owner_agency": data["owner_agency"],
            "contributing_agencies": list(data["contributing_agencies"]),
            "lead_name": data["lead_name"],
            "start_date": data["start_date"],
            "due_date": data["due_date"],
            "status": data["status"],
            "completion_evidence": list(data["completion_evidence"]),
            "impact_evidenced": data["impact_evidenced"],
            "impact_evidence": list(data["impact_evidence"]),
            "change_reason": self.identifier_change_reason,
        }


def initial_for(item: ActionItem) -> dict:
    return {
        "description": item.description,
        "recommendations": [r.code for r in item.recommendations.all()],
        "owner_agency": item.owner_agency_id,
        "contributing_agencies": [a.pk for a in item.contributing_agencies.all()],
        "lead_name": item.lead_name,
        "start_date": item.start_date,
        "due_date": item.due_date,
        "status": item.status,
        "completion_evidence": [e.pk for e in item.completion_evidence.all()],
        "impact_evidenced": item.impact_evidenced,
        "impact_evidence": [e.pk for e in item.impact_evidence.all()],
    }


class VerificationForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A scrutineer's verification of a complete item: why they accept it as done.

    It carries the item's version (common/versioning.py), so that what the scrutineer read on the page,
    the evidence of completion above all, is what they verify.
    """

    submit_label = "Verify completion"
    language_fields = identifier_fields = ("note",)

    note = limited_text_field(
        ActionItem,
        "verification_note",
        label="Your verification note",
        help_text="What you checked in the evidence of completion, and why it shows the action has been done. "
        "Do not name or identify any child or family.",
        required_message=action_service.VERIFICATION_NOTE_REQUIRED,
    )

    def __init__(self, *args, item, has_evidence: bool, action="", **kwargs):
        super().__init__(*args, version=item.version, **kwargs)
        note = self.fields["note"]
        if not has_evidence:
            note.label = "Why do you accept the action as done?"
            note.help_text = (
                "It has no evidence of completion. Say what you saw or who confirmed it, and why that is enough. "
                "Do not name or identify any child or family."
            )
            note.error_messages["required"] = action_service.VERIFICATION_NOTE_WITHOUT_EVIDENCE
        self.helper.layout = Layout(
            *self.layout_fields(), Button.primary("submit", self.submit_label, css_id="verify-submit")
        )
        self.helper.form_action = action
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = self.helper.legend_size = Size.SMALL

    def layout_field(self, name):
        if name == "note":
            return Field.textarea(name, rows=5, max_characters=action_service.VERIFICATION_NOTE_LIMIT)
        return Field(name)

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(self.fields["note"].error_messages["required"])
        return note


NO_CHANGE = ""


class ProgressUpdateForm(IdentifierGuardMixin, GovUKFormMixin, forms.Form):
    """A progress note, with a change of status for those who may change it."""

    submit_label = "Add progress update"
    language_fields = identifier_fields = ("note",)

    status = forms.ChoiceField(label="Status (optional)", required=False, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Progress note",
        help_text="What has been done since the last update, what comes next and anything in the way. "
        "Do not name or identify any child or family.",
        max_length=action_service.NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter a progress note",
            "max_length": too_long("Progress note", action_service.NOTE_LIMIT),
        },
    )

    def __init__(self, *args, item, can_change_status, action="", **kwargs):
        super().__init__(*args, **kwargs)
        if can_change_status:
            current = item.get_status_display()
            self.fields["status"].choices = [(NO_CHANGE, f"No change: it stays {current.lower()}")] + [
                (value, label) for value, label in Status.choices if value != item.status
            ]
            self.fields["status"].error_messages["invalid_choice"] = "Select the new status, or no change"
            help_text = f"It is {current.lower()} now."
            if item.is_verified:
                help_text += " Its completion has been verified: a new status clears the verification."
            self.fields["status"].help_text = help_text
            self.initial.setdefault("status", NO_CHANGE)
        else:
            del self.fields["status"]
        self.helper.layout = Layout(
            *self.layout_fields(), Button.primary("submit", self.submit_label, css_id="progress-submit")
        )
        self.helper.form_action = action
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = self.helper.legend_size = Size.SMALL

    def layout_field(self, name):
        if name == "status":
            return Field.radios(name, small=True)
        return Field.textarea(name, rows=5, max_characters=action_service.NOTE_LIMIT)

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Enter a progress note")
        return note

    def clean_status(self):
        return self.cleaned_data.get("status") or None


ALL = ""


class ActionFilterForm(forms.Form):
    """The action plan's filters, sent by GET; every field optional."""

    recommendation = forms.ModelChoiceField(
        None, label="Recommendation", required=False, to_field_name="code", empty_label="All recommendations"
    )
    owner = forms.ChoiceField(label="Owner agency", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=[(ALL, "All statuses"), *Status.choices])
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        recommendations = partnership.framework.recommendations.order_by("position")
        self.fields["recommendation"].queryset = recommendations  # what a value sent is checked against
        self.fields["recommendation"].choices = recommendation_choices(partnership, every="All recommendations")
        self.fields["owner"].choices = [
            (ALL, "All agencies"),
            *((str(pk), name) for pk, name in partnership.agencies.order_by("name").values_list("pk", "name")),
        ]

    def apply(self, queryset, today=None):
        """`queryset` narrowed by the valid filters; a filter with an error is left out."""
        if not self.is_bound:
            return queryset
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if recommendation := data.get("recommendation"):
            queryset = queryset.filter(recommendations=recommendation)
        if owner := data.get("owner"):
            queryset = queryset.filter(owner_agency_id=int(owner))
        if status := data.get("status"):
            queryset = queryset.filter(status=status)
        if data.get("overdue"):
            queryset = queryset.overdue(today)
        return queryset

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(value for key, value in self.data.items() if key != "page")
