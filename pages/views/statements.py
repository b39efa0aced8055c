"""The scrutineer's yearly statements: every member reads them and their final reports; scrutineers write
them and ask for their reports (scrutiny.statements, scrutiny.reports)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from pages.views import reports
from pages.views.versioned import edit_fields
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

    def save(**data):
        return save_statement(membership=membership, statement=statement, **data)

    fields = ("overall_statement", "methods")
    done, form, saved_since = edit_fields(
        request,
        statement,
        YearlyStatementForm,
        fields,
        save,
        saved="Statement saved.",
        done_url=statement.get_absolute_url(),
    )
    if done:
        return done
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
    return reports.request_of(request, membership, statement=_statement_or_404(membership, statement_pk))
