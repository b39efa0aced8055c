"""Importing indicator values from a spreadsheet: the upload page, the mapping page of a tidy file from Explore
Education Statistics, and the template's download. Leads only (can_import_values); anyone without a role in
the partnership gets 404, as everywhere.

The checks and the writing are indicators/imports.py's: these views only carry the file and the person's
choices to it, and show what it answers. All or nothing, every problem by row and column, as the action
plan's import (pages/views/transfer.py).
"""

from crispy_forms_gds.layout import Button, Field, Fieldset, Hidden, Layout
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from common.forms import GovUKFormMixin
from indicators import ees, imports
from pages.views.transfer import PROBLEMS_SHOWN, ImportForm, _download, _format_or_404
from partnerships.access import member_required

COLUMN_PREFIX = "column_"
LOST = "The file you chose is no longer held here (after an hour, or once imported): select it again to import it"


class UploadForm(ImportForm):
    submit_label = "Upload and check"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "The template of this page, or a tidy CSV from Explore Education Statistics: CSV or Excel (.xlsx), "
            f"smaller than {imports.MAX_BYTES // (1024 * 1024)} MB and with at most {imports.MAX_ROWS:,} rows."
        )


class MappingForm(GovUKFormMixin, forms.Form):
    """The choices a tidy file needs: the partnership's local authority, and an indicator for each measure.

    Every field may be left empty here: the import names what is missing by row and column, and the view
    puts those problems on the fields too.
    """

    submit_label = "Check and import"

    def __init__(self, survey: ees.Survey, indicators, *args, token: str = "", action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["authority"] = forms.CharField(
            label="Which local authority is this partnership's?",
            help_text="Its rows are imported as the partnership's own figures; England's rows and its region's are "
            "kept beside them for comparison.",
            required=False,
            widget=forms.Select(
                choices=[("", "Choose a local authority")] + [(a.key, a.label) for a in survey.authorities]
            ),
        )
        choices = [("", "Choose an indicator"), (imports.SKIP, "Do not import")]
        choices += [(str(indicator.pk), f"{indicator.code}: {indicator.name}") for indicator in indicators]
        for index, title in survey.measures:
            self.fields[f"{COLUMN_PREFIX}{index}"] = forms.CharField(
                label=title, required=False, widget=forms.Select(choices=choices)
            )
        measures = [Field.select(f"{COLUMN_PREFIX}{index}") for index, _title in survey.measures]
        self.helper.layout = Layout(
            Hidden("upload", token),
            Field.select("authority", legend_size="m"),
            Fieldset(*measures, legend="Which indicator does each column give?", legend_size="m"),
            Button.primary("submit", self.submit_label, data_prevent_double_click="true"),
        )
        self.helper.form_action = action

    @staticmethod
    def mapping_from(data) -> dict[int, str]:
        """The choice for each measure, by its position in the header, from what the page sent."""
        return {
            int(name.removeprefix(COLUMN_PREFIX)): value
            for name, value in data.items()
            if name.startswith(COLUMN_PREFIX) and name.removeprefix(COLUMN_PREFIX).isdigit()
        }

    def show_problems(self, problems):
        """The problems of the choices (on the header row) on their fields, for the error summary."""
        self.is_valid()
        fields = {title: f"{COLUMN_PREFIX}{index}" for index, title in self.survey.measures}
        fields["new_la_code"] = "authority"
        for problem in problems:
            name = fields.get(problem.column)
            if problem.row == self.survey.header_row and name:
                self.add_error(name, f"“{self.fields[name].label}” {problem.reason}")


def _imported(request, membership, result, name):
    count = result.imported
    unchanged = f"; {result.unchanged:,} unchanged" if result.unchanged else ""
    messages.success(
        request,
        f"{count:,} figure{'s' if count != 1 else ''} imported from “{name}” ({result.created:,} new, "
        f"{result.replaced:,} replaced{unchanged})",
    )
    return redirect("indicator_import", membership.partnership.slug)


def _refused(form, field, result, name):
    """Put the result's refusal on `field` of `form`, which must be bound."""
    if result.file_error:
        form.add_error(field, result.file_error)
    elif result.problems:
        count = len(result.problems)
        form.add_error(
            field,
            f"“{name}” has {count:,} problem{'s' if count != 1 else ''}, listed below. "
            "Nothing was imported: fix them and try again",
        )


def _problems_context(result) -> dict:
    problems = result.problems if result else []
    return {
        "problems": problems[:PROBLEMS_SHOWN],
        "problem_count": len(problems),
        "problems_not_shown": max(0, len(problems) - PROBLEMS_SHOWN),
    }


@member_required("can_import_values")
def indicator_import(request, membership):
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else (None, None)))
    result = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        result = imports.upload(membership=membership, file=upload, name=upload.name)
        if result.ok and result.kind == imports.TEMPLATE:
            return _imported(request, membership, result, upload.name)
        if result.ok:
            token = imports.hold(upload, name=upload.name, user=request.user)
            return _mapping_page(request, membership, result, _mapping_form(membership, result.survey, token=token))
        _refused(form, "file", result, upload.name)
    return _upload_page(request, membership, form, result)


def _mapping_form(membership, survey, *args, token):
    action = reverse("indicator_import_map", args=[membership.partnership.slug])
    return MappingForm(survey, imports.indicators_of(membership.partnership), *args, token=token, action=action)


def _upload_page(request, membership, form, result=None):
    if form.errors:
        form.mark_file_error()
    return render(
        request,
        "indicators/import.html",
        {
            "membership": membership,
            "partnership": membership.partnership,
            "form": form,
            "columns": [(name, imports.GUIDANCE[name]) for name in imports.TEMPLATE_COLUMNS],
            "geography_columns": ees.COLUMNS,
            "symbols": imports.SYMBOLS,
            **_problems_context(result),
        },
    )


def _mapping_page(request, membership, result, form):
    return render(
        request,
        "indicators/import_map.html",
        {
            "membership": membership,
            "partnership": membership.partnership,
            "form": form,
            "survey": result.survey,
            **_problems_context(result),
        },
    )


@member_required("can_import_values")
@require_POST
def indicator_import_map(request, membership):
    token = request.POST.get("upload", "")
    upload = imports.held(token, user=request.user)
    if upload is None:
        form = UploadForm(data={}, files={})
        form.is_valid()
        form.errors["file"] = form.error_class([LOST])
        return _upload_page(request, membership, form)
    result = imports.import_tidy(
        membership=membership,
        file=upload.file,
        name=upload.name,
        mapping=MappingForm.mapping_from(request.POST),
        authority=request.POST.get("authority", ""),
    )
    if result.ok:
        imports.release(upload)
        return _imported(request, membership, result, upload.name)
    if result.survey is None:  # the held file could not be read again: start again
        form = UploadForm(data={}, files={})
        form.is_valid()
        form.errors["file"] = form.error_class([result.file_error or LOST])
        return _upload_page(request, membership, form, result)
    form = _mapping_form(membership, result.survey, request.POST, token=token)
    form.show_problems(result.problems)
    if result.file_error:
        form.add_error(None, result.file_error)
    elif not form.errors:
        _refused(form, None, result, upload.name)
    return _mapping_page(request, membership, result, form)


@member_required("can_import_values")
@require_safe
def indicator_import_template(request, membership, fmt):
    fmt = _format_or_404(fmt)
    partnership = membership.partnership
    return _download(
        fmt,
        f"{partnership.slug}-indicator-values-template",
        imports.TEMPLATE_COLUMNS,
        imports.template_rows(partnership),
        title="Indicator values",
    )
