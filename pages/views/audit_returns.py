"""An agency's return on a case: completing it (saved as a draft, then submitted), and a scrutineer reopening a
submitted one after moderation.

The return's page is its agency's contributors' only: another agency's contributor gets 404 (they may not know
the return is there), any other role 403 (`can_complete_return`). The agency must take part in the round and be
involved in the case, or there is no return to make (404). case_audits/returns.py checks all of it again, and
whether the return is open (not moderated once submitted; the round not published), and writes.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from case_audits import returns as return_service
from case_audits.models import AgencyReturn
from case_audits.return_forms import SAVE_DRAFT, ReopenForm, ReturnForm
from common.versioning import StaleEdit, refuse_stale
from pages.views.audit_rounds import audit_context, case_or_404, round_or_404
from partnerships.access import member_required
from partnerships.permissions import require


def _agency_or_404(membership, audit_round, case, agency_pk):
    agency = get_object_or_404(membership.partnership.agencies.all(), pk=agency_pk)
    if membership.is_contributor and agency.pk != membership.agency_id:
        raise Http404("No such return of your agency")
    return agency


@member_required
def audit_return_edit(request, membership, round_pk, case_pk, agency_pk):
    audit_round = round_or_404(membership, round_pk)
    case = case_or_404(membership, audit_round, case_pk)
    agency = _agency_or_404(membership, audit_round, case, agency_pk)
    agency_return = AgencyReturn.objects.filter(case=case, agency=agency).first()
    require(membership, "can_complete_return", agency_return or AgencyReturn(case=case, agency=agency))
    if not (audit_round.agencies.filter(pk=agency.pk).exists() and case.agencies.filter(pk=agency.pk).exists()):
        raise Http404(return_service.NOT_TAKING_PART)
    if agency_return is not None:
        agency_return.case = case
    closed = return_service.closed_reason(agency_return) if agency_return else None
    if closed is None and audit_round.is_published:
        closed = return_service.PUBLISHED
    answers = return_service.answers_of(case, agency_return)
    posted = request.POST if request.method == "POST" else None
    form = ReturnForm(posted, case=case, answers=answers, agency_return=agency_return)
    saved_since = []
    if posted is not None and closed:
        form.add_error(None, closed)  # nothing is saved: the service would refuse it too
    elif posted is not None and form.is_valid():
        submit = SAVE_DRAFT not in posted
        try:
            saved = return_service.save_return(
                membership=membership,
                case=case,
                agency=agency,
                seen_version=form.cleaned_data["version"],
                **form.service_arguments(submit=submit),
            )
        except StaleEdit as stale:
            saved_since = refuse_stale(form, stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved.is_submitted and submit:
                messages.success(request, f"Return submitted for case {case.reference}.")
            else:
                messages.success(request, f"Return saved for case {case.reference}. You can come back to it later.")
            return redirect("audit_case_detail", membership.partnership.slug, audit_round.pk, case.pk)
    return render(
        request,
        "case_audits/return_form.html",
        audit_context(
            membership,
            form=form,
            audit_round=audit_round,
            case=case,
            agency=agency,
            agency_return=agency_return,
            closed=closed,
            late=return_service.is_late(agency_return) if agency_return else False,
            saved_since=saved_since,
        ),
    )


@member_required("can_reopen_returns")
def audit_return_reopen(request, membership, round_pk, case_pk, agency_pk):
    audit_round = round_or_404(membership, round_pk)
    case = case_or_404(membership, audit_round, case_pk)
    agency_return = get_object_or_404(AgencyReturn.objects.select_related("agency"), case=case, agency=agency_pk)
    agency_return.case = case
    form = ReopenForm(request.POST if request.method == "POST" else None)
    can_reopen = agency_return.is_submitted and case.is_moderated and not audit_round.is_published
    if form.is_bound and not can_reopen:
        form.add_error(None, return_service.REOPEN_ONLY_MODERATED)
    elif form.is_bound and form.is_valid():
        try:
            return_service.reopen_return(
                membership=membership,
                agency_return=agency_return,
                reason=form.cleaned_data["reason"],
                change_reason=form.identifier_change_reason,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{agency_return.agency.name}'s return on case {case.reference} is reopened as a draft."
            )
            return redirect("audit_case_detail", membership.partnership.slug, audit_round.pk, case.pk)
    return render(
        request,
        "case_audits/return_reopen.html",
        audit_context(
            membership,
            form=form,
            audit_round=audit_round,
            case=case,
            agency_return=agency_return,
            can_reopen=can_reopen,
        ),
    )
