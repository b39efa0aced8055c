"""Forms for the evidence register, in the GOV.UK template pack.

The forms only check input; partnerships/evidence.py writes it.
"""

import functools

from crispy_forms_gds.layout import Button, Field
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from common.forms import GovUKDateField, GovUKFormMixin, IdentifierGuardMixin
from common.limits import limit_of, too_long
from common.naming import PARTNERSHIP_AS_A_WHOLE
from common.versioning import VersionedFormMixin
from partnerships import evidence as evidence_service
from partnerships import held_uploads
from partnerships.attachment_text import UncheckedFile, read_text
from partnerships.models import REASON_LIMIT, SUMMARY_LIMIT, Evidence
from recommendations.models import ReflectiveQuestion

MAX_LINKS = 10
LINKS_TEXT_LIMIT = MAX_LINKS * 500  # the links box as typed: ten links of a usual length, and room to spare
PARTNERSHIP_WIDE = "partnership"
NO_IDENTIFYING_DETAILS_GUIDANCE = (
    "Records here are shared across agencies and with board members, so remove names, dates of birth, "
    "addresses and case numbers, and use anonymised or aggregate material."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"class": "govuk-file-upload", **(attrs or {})})


class MultipleFileField(forms.FileField):
    """Several files in one field ("Uploading multiple files" in Django's docs), each checked by its content."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_empty_file", True)  # check_upload gives the message, naming the file
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        uploads, errors = [], []
        for file in files:
            try:
                uploads.append(evidence_service.check_upload(super().clean(file, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return uploads


class CodeMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes whose values are stable codes (R1, SQ3, prevention), labelled as `label` says."""

    def __init__(self, queryset, *, label_from, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset, to_field_name="code", **kwargs)
        self._label_from = label_from

    def label_from_instance(self, obj):
        return self._label_from(obj)


def clean_links(text: str) -> list[str]:
    """One web address a line, http or https only, at most MAX_LINKS; each bad line named."""
    validate = URLValidator(schemes=["http", "https"])
    links, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        link = line.strip()
        if not link:
            continue
        shown = link if len(link) <= 60 else link[:57] + "…"
        if not link.lower().startswith(("http://", "https://")):
            errors.append(f"Web link on line {number} (“{shown}”) must start with http:// or https://")
            continue
        try:
            validate(link)
        except ValidationError:
            errors.append(
                f"Web link on line {number} (“{shown}”) is not a valid web address, like https://www.example.org/report"
            )
            continue
        if link not in links:
            links.append(link)
    if errors:
        raise ValidationError(errors)
    if len(links) > MAX_LINKS:
        raise ValidationError(f"Enter up to {MAX_LINKS} web links (you entered {len(links)})")
    return links


class EvidenceFields(forms.Form):
    """The fields of a piece of evidence, shaped for the caller's membership and partnership."""

    title = forms.CharField(
        label="Title",
        max_length=limit_of(Evidence, "title"),
        error_messages={"required": "Enter a title", "max_length": too_long("Title", limit_of(Evidence, "title"))},
    )
    summary = forms.CharField(
        label="Summary",
        help_text="What the evidence shows about practice and what has changed. Do not name any child or family.",
        max_length=SUMMARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter a summary", "max_length": too_long("Summary", SUMMARY_LIMIT)},
    )
    type = forms.ChoiceField(
        label="What kind of document is it?",
        help_text="What it is, not what it shows: for example, the minutes of a meeting, a survey's results "
        "or an audit report.",
        choices=Evidence.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of document it is"},
    )
    source = forms.ChoiceField(
        label="Whose knowledge does it rest on?",
        help_text="Where what it shows comes from, whatever the document: a survey of young people rests on "
        "children and families, an audit report on case files, a training record on practitioners. Judgements "
        "rest best on several kinds of source.",
        choices=Evidence.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose knowledge it rests on"},
    )
    agency = forms.ChoiceField(
        label="Agency",
        help_text="The agency this evidence is about, or the partnership as a whole.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the agency, or the partnership as a whole"},
    )
    date = GovUKDateField(
        name="Date of the evidence",
        label="Date of the evidence",
        help_text="The date of the evidence itself, not today's date. For example, 27 3 2026.",
    )
    recommendations = CodeMultipleChoiceField(
        None,
        label_from=lambda r: f"{r.code}: {r.title}",
        label="Recommendations it shows progress on",
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one recommendation"},
    )
    questions = CodeMultipleChoiceField(
        None,
        label_from=lambda q: f"{q.code}: {q.text}",
        label="Reflective questions it helps answer (optional)",
        help_text="The questions from the briefing for independent scrutineers.",
        required=False,
    )
    themes = CodeMultipleChoiceField(
        None,
        label_from=lambda t: t.title,
        label="Themes (optional)",
        help_text="The inspection themes and the review's practice issues.",
        required=False,
    )
    links = forms.CharField(
        label="Web links (optional)",
        help_text=f"One web address a line, starting http:// or https://. Up to {MAX_LINKS}.",
        required=False,
        max_length=LINKS_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        error_messages={"max_length": too_long("Web links", LINKS_TEXT_LIMIT)},
    )
    attachments = MultipleFileField(
        label="Attachments (optional)",
        help_text=(f"{evidence_service.ACCEPTED_LABEL}, each smaller than 20 MB. You can select more than one file."),
    )
    held_uploads = forms.CharField(widget=forms.HiddenInput, required=False)
    confirmed_no_identifying_details = forms.BooleanField(
        label="I confirm this evidence does not identify any child or family",
        help_text=NO_IDENTIFYING_DETAILS_GUIDANCE,
        error_messages={"required": "Confirm that the evidence does not identify any child or family"},
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        partnership = membership.partnership
        framework = partnership.framework
        self.fields["recommendations"].queryset = framework.recommendations.all()
        self.fields["questions"].queryset = framework.questions.filter(audience=ReflectiveQuestion.Audience.SCRUTINEER)
        self.fields["themes"].queryset = framework.themes.all()
        if membership.is_contributor:
            del self.fields["agency"]  # always their own agency
        else:
            self.agencies = {str(agency.pk): agency for agency in partnership.agencies.all()}
            self.fields["agency"].choices = [(pk, agency.name) for pk, agency in self.agencies.items()] + [
                (PARTNERSHIP_WIDE, "None: the partnership as a whole")
            ]

    def clean_agency(self):
        value = self.cleaned_data["agency"]
        return None if value == PARTNERSHIP_WIDE else self.agencies[value]

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value and value > timezone.localdate():
            raise ValidationError("Date of the evidence must be today or in the past")
        return value

    def clean_links(self):
        return clean_links(self.cleaned_data["links"])

    def clean(self):
        data = super().clean()
        # Files kept from the last attempt (see partnerships/held_uploads.py) count as uploaded again.
        self.held = held_uploads.held(data.pop("held_uploads", ""), user=self.membership.user)
        if "attachments" in data:
            data["attachments"] = [*self.held, *data["attachments"]]
        return data

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors and self.files.getlist("attachments") and "attachments" not in self._errors:
            # Browsers never send a file twice: say so rather than lose it quietly.
            again = " Select your files again: they are not kept after a problem."
            help_text = self.fields["attachments"].help_text + again
            self.fields["attachments"].help_text = self["attachments"].help_text = help_text
        if self.is_bound and "attachments" in self._errors:
            widget = self.fields["attachments"].widget
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} govuk-file-upload--error".strip()

    def service_arguments(self) -> dict:
        """The cleaned data as the keyword arguments of log_evidence and update_evidence."""
        data = self.cleaned_data
        arguments = {
            name: data[name]
            for name in (
                "title",
                "summary",
                "type",
                "source",
                "date",
                "recommendations",
                "questions",
                "themes",
                "links",
                "confirmed_no_identifying_details",
            )
        }
        arguments["recommendations"] = list(arguments["recommendations"])
        arguments["questions"] = list(arguments["questions"])
        arguments["themes"] = list(arguments["themes"])
        arguments["uploads"] = data["attachments"]
        if "agency" in self.fields:
            arguments["agency"] = data["agency"]
        return arguments


class EvidenceForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, EvidenceFields):
    """Logging evidence, or changing it: then the form carries the version it was opened at (common/versioning.py)."""

    submit_label = "Save evidence"
    language_fields = ("summary",)
    identifier_fields = ("title", "summary")

    def __init__(self, *args, evidence=None, **kwargs):
        if evidence is not None:
            self.submit_label = "Save changes"
            kwargs.setdefault("initial", initial_for(evidence))
        super().__init__(*args, version=evidence.version if evidence is not None else None, **kwargs)
        if evidence is not None:
            self.fields["attachments"].label = "Add attachments (optional)"
        self.held = []
        self.unchecked_files: list[str] = []  # messages for files whose text could not be read

    def more_identifier_findings(self):
        findings = []
        for upload in self.cleaned_data.get("attachments", []):
            text = read_text(upload.file, upload.kind, upload.name)
            findings += text.findings()
            if text.unchecked:
                # A file nobody could read is held like a finding: the person checks it and confirms.
                self.unchecked_files.append(text.unchecked)
                findings.append(UncheckedFile(kind=UncheckedFile.KIND, text=upload.name, where=text.problem))
        return findings

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        if self._errors and set(self._errors) <= {"identifier_confirmed", "identifier_reason"}:
            self.keep_uploads()  # shown again only for the identifier questions
        elif self.held and self._errors:
            self._say_uploads_are_kept()

    def keep_uploads(self):
        """Keep this attempt's checked files for the next, so nobody selects them twice, and say so.

        For a form shown again although its fields were valid: for the identifier questions, or
        because a colleague saved the evidence after the form was opened (a stale edit).
        """
        uploads = self.cleaned_data.get("attachments", [])
        self.data = self.data.copy()
        self.data["held_uploads"] = held_uploads.hold(uploads, user=self.membership.user)
        self.held = uploads
        if self.held:
            self._say_uploads_are_kept()

    def _say_uploads_are_kept(self):
        # The GOV.UK template pack marks help text safe, so a file's name is escaped here.
        names = format_html_join(", ", "“{}”", ((upload.name,) for upload in self.held))
        help_text = format_html("{} Kept from your last attempt: {}.", self.fields["attachments"].help_text, names)
        self.fields["attachments"].help_text = self["attachments"].help_text = help_text

    def layout_field(self, name):
        if name in ("type", "source", "agency"):
            return Field.radios(name, legend_size="s")
        if name in ("recommendations", "questions", "themes"):
            return Field.checkboxes(name, legend_size="s", small=True)
        if name == "summary":
            return Field.textarea(name, label_size="s", rows=6, max_characters=SUMMARY_LIMIT)
        if name == "links":
            return Field.textarea(name, label_size="s", rows=3)
        if name == "date":
            return Field(name, context={"legend_size": "govuk-fieldset__legend--s"})
        if name == "confirmed_no_identifying_details":
            return Field.checkbox(name)
        if name in ("title", "attachments"):
            return Field.text(name, label_size="s")
        if name == "held_uploads":
            return name
        return Field(name)


def initial_for(evidence: Evidence) -> dict:
    """The form's starting values for changing `evidence`. The confirmation is asked afresh each time."""
    return {
        "title": evidence.title,
        "summary": evidence.summary,
        "type": evidence.type,
        "source": evidence.source,
        "agency": str(evidence.agency_id) if evidence.agency_id else PARTNERSHIP_WIDE,
        "date": evidence.date,
        "recommendations": [r.code for r in evidence.recommendations.all()],
        "questions": [q.code for q in evidence.questions.all()],
        "themes": [t.code for t in evidence.themes.all()],
        "links": "\n".join(evidence.links or []),
    }


class WithdrawalForm(GovUKFormMixin, forms.Form):
    submit_label = "Withdraw evidence"
    language_fields = ("reason",)

    reason = forms.CharField(
        label="Why is this evidence being withdrawn?",
        help_text="For example, it was logged twice, or it has been replaced by a later audit. "
        "The evidence and its history are kept.",
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why the evidence is being withdrawn",
            "max_length": too_long("Reason", REASON_LIMIT),
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Enter why the evidence is being withdrawn")
        return reason

    def layout_field(self, name):
        return Field.textarea(name, label_size="m", label_tag="h2", rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.fields[-1] = Button.warning("submit", self.submit_label)


class GradeForm(GovUKFormMixin, forms.Form):
    submit_label = "Save grade"

    strength = forms.ChoiceField(
        label="How strong is this evidence?",
        help_text="How far it shows that practice has changed.",
        choices=Evidence.Strength.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how strong the evidence is"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def layout_field(self, name):
        return Field.radios(name, legend_size="s", small=True)


def recommendation_choices(partnership, *, every: str) -> list[tuple[str, str]]:
    """A search's recommendation choices, by code: every recommendation (`every` names that), then each.

    Plain values in one query of two columns: a ModelChoiceField's own choices would load whole rows
    through a server-side cursor (DECLARE, FETCH, CLOSE). All of one framework, so position alone orders
    them (the model's ordering joins the framework).
    """
    rows = partnership.framework.recommendations.order_by("position").values_list("code", "title")
    return [("", every), *((code, f"{code}: {title}") for code, title in rows)]


def agency_choices(partnership, *, every: str) -> list[tuple[str, str]]:
    """A search's agency choices: every agency (`every` names that), the partnership as a whole, then each."""
    return [
        ("", every),
        (PARTNERSHIP_WIDE, PARTNERSHIP_AS_A_WHOLE),
        *((str(pk), name) for pk, name in partnership.agencies.order_by("name").values_list("pk", "name")),
    ]


class EvidenceSearchMixin:
    """A search of evidence by words (`q`), recommendation, agency and dates (`date_from`, `date_to`):
    the register's filters and the evidence chooser's search ask the same and mean the same."""

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Date to must be the same as or after date from")
        return data

    def search_terms(self) -> dict:
        """The valid terms as EvidenceQuerySet.matching's keyword arguments; a term with an error is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        agency, recommendation = data.get("agency"), data.get("recommendation")
        return {
            "text": data.get("q", ""),
            "recommendation_code": getattr(recommendation, "code", recommendation) or None,
            "partnership_wide": agency == PARTNERSHIP_WIDE,
            "agency_id": int(agency) if agency and agency != PARTNERSHIP_WIDE else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }


class EvidenceFilterForm(EvidenceSearchMixin, forms.Form):
    """The register's filters, sent by GET; every field optional."""

    q = forms.CharField(label="Search titles and summaries", required=False, max_length=200)
    recommendation = forms.ChoiceField(label="Recommendation", required=False)
    agency = forms.ChoiceField(label="Agency", required=False)
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "All types"), *Evidence.Type.choices])
    date_from = GovUKDateField(name="Date from", label="Dated from", required=False, help_text="For example, 1 4 2026")
    date_to = GovUKDateField(name="Date to", label="Dated to", required=False, help_text="For example, 31 3 2027")
    show_withdrawn = forms.BooleanField(label="Show withdrawn evidence", required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = membership.partnership
        # Read once, when checked or shown: an export applies the filters without showing them.
        self.fields["recommendation"].choices = functools.cache(
            lambda: recommendation_choices(partnership, every="All recommendations")
        )
        self.fields["agency"].choices = agency_choices(partnership, every="All agencies")

    def apply(self, queryset):
        """`queryset` narrowed by the valid filters; a filter with an error is left out."""
        if not self.is_bound:
            return queryset.current()
        queryset = queryset.matching(**self.search_terms())
        data = self.cleaned_data
        if not data.get("show_withdrawn"):
            queryset = queryset.current()
        if kind := data.get("type"):
            queryset = queryset.filter(type=kind)
        return queryset

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(value for key, value in self.data.items() if key != "page")
