"""The scrutineer's yearly statements: every member reads them and their final reports; scrutineers write
them and ask for their reports (scrutiny.statements, scrutiny.reports)."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from common.versioning import StaleEdit, refuse_stale
from partnerships.access import member_required
from recommendations.language import language_context
from scrutiny import reports as report_service
from scrutiny.models import Report
from scrutiny.review_forms import YearlyStatementForm
from scrutiny.statements import StatementExists, create_statement, save_statement


def _statement_or_404(membership, statement_pk):
    return get_object_or_404(membership.partnership.statements, pk=statement_pk)


@member_required
@require_safe
def statement_list(request, membership):
    statements = membership.partnership.statements.all()
    return render(request, "statements/statement_list.html", {"membership": membership, "statements": statements})


@member_required("can_write_statements")
def statement_create(request, membership):
    form = YearlyStatementForm(request.POST or None, new=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            statement = create_statement(membership=membership, change_reason=form.identifier_change_reason, **data)
        except StatementExists as exists:
            form.add_error("period_start", f"{exists.statement.title} exists already: open it from the list")
        else:
            messages.success(request, f"{statement.title} created.")
            return redirect(statement)
    return render(request, "statements/statement_form.html", _form_context(membership, form, "New yearly statement"))


@member_required("can_write_statements")
def statement_edit(request, membership, statement_pk):
    statement = _statement_or_404(membership, statement_pk)
    saved_since = []
    if request.method == "POST":
        form = YearlyStatementForm(request.POST, version=statement.version)
        if form.is_valid():
            data = dict(form.cleaned_data)
            seen = data.pop("version")
            try:
                changed = save_statement(
                    membership=membership,
                    statement=statement,
                    seen_version=seen,
                    change_reason=form.identifier_change_reason,
                    **data,
                )
            except StaleEdit as stale:
                saved_since = refuse_stale(form, stale)
            else:
                messages.success(request, "Statement saved." if changed else "Nothing had changed: nothing to save.")
                return redirect(statement)
    else:
        initial = {"overall_statement": statement.overall_statement, "methods": statement.methods}
        form = YearlyStatementForm(initial=initial, version=statement.version)
    context = _form_context(membership, form, f"Edit the {statement.title[0].lower()}{statement.title[1:]}")
    return render(request, "statements/statement_form.html", {**context, "saved_since": saved_since})


def _form_context(membership, form, heading) -> dict:
    return {
        "membership": membership,
        "form": form,
        "heading": heading,
        **language_context(membership.partnership.framework),
    }


@member_required
@require_safe
def statement_detail(request, membership, statement_pk):
    statement = _statement_or_404(membership, statement_pk)
    return render(
        request,
        "statements/statement_detail.html",
        {
            "membership": membership,
            "statement": statement,
            "reviews": list(statement.reviews()),
            "reports": list(report_service.reports_visible_to(membership, statement)),
            "can_request_draft": report_service.may_request(membership, statement, Report.Kind.DRAFT),
            "can_request_final": report_service.may_request(membership, statement, Report.Kind.FINAL),
        },
    )


@member_required
@require_POST
def statement_report_request(request, membership, statement_pk):
    statement = _statement_or_404(membership, statement_pk)
    kind = request.POST.get("kind")
    if kind not in Report.Kind.values:
        return HttpResponseBadRequest("Choose a draft or a final report.")
    report, queued_ok = report_service.request_report(membership=membership, statement=statement, kind=kind)
    if not queued_ok:
        messages.warning(request, report_service.QUEUE_DOWN_MESSAGE)
    return redirect(report)
