"""Spreadsheets in and out: the action plan and the evidence register as CSV or XLSX, and the plan's import.

Who: any member exports the action plan (viewers see the plan); those who may see evidence
export the register (viewers get 403); only leads import and download the import template;
anyone without a role in the partnership gets 404, as everywhere.

The import runs synchronously in the request, by design: partnerships/action_import.py
streams the rows, checks each against lookups read once, and bulk-inserts them in one
transaction, so a 10,000-row file takes a few seconds (bench/import_actions.py) and no
background job is needed. If any row has a problem nothing is imported, and the page
lists every problem by row and column.

Every exported text cell that starts with =, +, -, @, a tab or a carriage return gets a
leading apostrophe (partnerships/spreadsheets.py), so no spreadsheet runs it.
"""

from crispy_forms_gds.layout import Button, Field
from django import forms
from django.contrib import messages
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from common.forms import GovUKFormMixin
from common.naming import agency_or_partnership, display_name
from partnerships import action_import as importer
from partnerships import spreadsheets
from partnerships.access import member_required
from partnerships.forms import EvidenceFilterForm
from partnerships.models import Agency, ProgressUpdate
from partnerships.permissions import require
from recommendations.models import Recommendation, ReflectiveQuestion

PROBLEMS_SHOWN = 200
ACTION_EXPORT_COLUMNS = [*importer.COLUMNS, "Overdue", "Verified by", "Verified on", "Latest update"]
EVIDENCE_EXPORT_COLUMNS = [
    "Title",
    "Summary",
    "Type",
    "Source",
    "Strength",
    "Agency",
    "Date",
    "Recommendations",
    "Reflective questions",
    "Links",
    "Withdrawn",
]
WIDTHS = {"Description": 60, "Summary": 60, "Title": 40, "Latest update": 50, "Links": 40, "Contributing agencies": 30}


def _format_or_404(fmt: str) -> str:
    if fmt not in spreadsheets.FORMATS:
        raise Http404("Spreadsheets come as .csv or .xlsx")
    return fmt


def _download(fmt: str, filename: str, header: list[str], rows, *, title: str) -> HttpResponse:
    data = spreadsheets.write(fmt, header, rows, title=title, widths=WIDTHS)
    response = HttpResponse(data, content_type=spreadsheets.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(partnership, what: str) -> str:
    return f"{partnership.slug}-{what}-{timezone.localdate().isoformat()}"


def action_plan_rows(partnership, today=None):
    """The plan as the import reads it, plus Overdue, Verified by, Verified on and Latest update. Four queries."""
    today = today or timezone.localdate()
    latest = ProgressUpdate.objects.filter(item=OuterRef("pk")).order_by("-date", "-created_at", "-pk")
    items = (
        partnership.actions.select_related("owner_agency", "verified_by")
        .prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("position")),
            Prefetch("contributing_agencies", queryset=Agency.objects.order_by("name")),
        )
        .annotate(latest_date=Subquery(latest.values("date")[:1]), latest_note=Subquery(latest.values("note")[:1]))
        .order_by("due_date", "pk")
    )
    for item in items:
        yield [
            item.description,
            "; ".join(r.code for r in item.recommendations.all()),
            item.owner_agency.name,
            "; ".join(a.name for a in item.contributing_agencies.all()),
            item.lead_name,
            item.start_date,
            item.due_date,
            item.get_status_display(),
            "Yes" if item.impact_evidenced else "No",
            "Yes" if item.is_overdue(today) else "No",
            display_name(item.verified_by),
            timezone.localdate(item.verified_at) if item.verified_at else None,
            f"{item.latest_date.isoformat()}: {item.latest_note}" if item.latest_note is not None else "",
        ]


def evidence_rows(evidence):
    """The register's rows for the evidence given, newest first. Three queries."""
    evidence = (
        evidence.select_related("agency")
        .prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("position")),
            Prefetch("questions", queryset=ReflectiveQuestion.objects.order_by("position")),
        )
        .order_by("-date", "-pk")
    )
    for item in evidence:
        yield [
            item.title,
            item.summary,
            item.get_type_display(),
            item.get_source_display(),
            item.get_strength_display() if item.strength else "Not graded",
            agency_or_partnership(item.agency),
            item.date,
            "; ".join(r.code for r in item.recommendations.all()),
            "; ".join(q.code for q in item.questions.all()),
            "\n".join(item.links or []),
            "Yes" if item.is_withdrawn else "No",
        ]


@member_required
@require_safe
def action_export(request, membership, fmt):
    fmt = _format_or_404(fmt)
    partnership = membership.partnership
    return _download(
        fmt,
        _filename(partnership, "action-plan"),
        ACTION_EXPORT_COLUMNS,
        action_plan_rows(partnership),
        title="Action plan",
    )


@member_required
@require_safe
def evidence_export(request, membership, fmt):
    """The register as the list shows it: the list's filters in the query string apply here too."""
    fmt = _format_or_404(fmt)
    require(membership, "can_see_evidence")
    partnership = membership.partnership
    filters = EvidenceFilterForm(request.GET or None, membership=membership)
    return _download(
        fmt,
        _filename(partnership, "evidence"),
        EVIDENCE_EXPORT_COLUMNS,
        evidence_rows(filters.apply(partnership.evidence.all())),
        title="Evidence",
    )


@member_required
@require_safe
def action_import_template(request, membership, fmt):
    fmt = _format_or_404(fmt)
    require(membership, "can_import_actions")
    partnership = membership.partnership
    return _download(
        fmt,
        f"{partnership.slug}-action-plan-import-template",
        importer.COLUMNS,
        importer.template_rows(partnership),
        title="Action plan",
    )


class ImportForm(GovUKFormMixin, forms.Form):
    submit_label = "Check and import"

    file = forms.FileField(
        label="Upload a file",
        help_text=(
            f"A CSV or Excel (.xlsx) file, smaller than {importer.MAX_BYTES // (1024 * 1024)} MB "
            f"and with at most {importer.MAX_ROWS:,} rows."
        ),
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ".csv,.xlsx"}),
        error_messages={"required": "Select a CSV or Excel file", "empty": "The selected file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A second click while a big file uploads would only be refused as "already in the plan".
        self.helper.layout.fields[-1] = Button.primary("submit", self.submit_label, data_prevent_double_click="true")

    def layout_field(self, name):
        return Field.text(name, label_size="m", label_tag="h2")

    def mark_file_error(self):
        widget = self.fields["file"].widget
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} govuk-file-upload--error".strip()


@member_required("can_import_actions")
def action_import(request, membership):
    partnership = membership.partnership
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else (None, None)))
    result = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        result = importer.import_actions(membership=membership, file=upload, name=upload.name)
        if result.ok:
            count = result.imported
            messages.success(request, f"{count:,} action{'s' if count != 1 else ''} imported from “{upload.name}”")
            return redirect("action_list", partnership.slug)
        if result.file_error:
            form.add_error("file", result.file_error)
        else:
            count = len(result.problems)
            form.add_error(
                "file",
                f"“{upload.name}” has {count:,} problem{'s' if count != 1 else ''}, listed below. "
                "Nothing was imported: fix them and select the file again",
            )
    if form.errors:
        form.mark_file_error()
    problems = result.problems if result else []
    return render(
        request,
        "transfer/import.html",
        {
            "membership": membership,
            "partnership": partnership,
            "form": form,
            "columns": [(name, importer.GUIDANCE[name]) for name in importer.COLUMNS],
            "problems": problems[:PROBLEMS_SHOWN],
            "problem_count": len(problems),
            "problems_not_shown": max(0, len(problems) - PROBLEMS_SHOWN),
            "action_list_url": reverse("action_list", args=[partnership.slug]),
        },
    )
