"""Audit rounds and their cases: the list, a round's page, starting and changing a round, adding and changing
its cases, a case's page.

Thin views: member_required resolves the caller's membership (404 without one) and checks the permission the
view declares (403 when the role lacks it); a round is reached only through the membership's partnership, so
another partnership's is 404 whatever its id; `can_see_audit_round` is checked on the round (403). A case is
reached through its round: a contributor reaches only the cases their agency is involved in (404 for others),
and a viewer, who reads a published round's findings only, no case at all (403). case_audits/rounds.py checks
the permission again and writes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from case_audits import returns as return_service
from case_audits import rounds as round_service
from case_audits.findings import findings_for
from case_audits.models import AgencyReturn, AgreedGrade, AuditCase, AuditRound
from case_audits.round_forms import CaseForm, RoundForm
from common.history import history_entries
from pages.views.versioned import say_saved, submit
from partnerships.access import member_required
from partnerships.permissions import require


def audit_context(membership, **extra) -> dict:
    return {"membership": membership, "partnership": membership.partnership, **extra}


def round_or_404(membership, round_pk) -> AuditRound:
    """The partnership's round `round_pk` (404 if it has none), if the membership may see it (403)."""
    audit_round = get_object_or_404(
        AuditRound.objects.filter(partnership=membership.partnership).select_related("tool", "partnership"),
        pk=round_pk,
    )
    require(membership, "can_see_audit_round", audit_round)
    return audit_round


def case_or_404(membership, audit_round, case_pk) -> AuditCase:
    """The round's case `case_pk`, for those who run audits and the contributors of an agency involved in it
    (404 for another agency's); 403 for any other role, which sees no case."""
    case = get_object_or_404(audit_round.cases.all(), pk=case_pk)
    case.round = audit_round
    if membership.can_run_audits:
        return case
    if not membership.is_contributor:
        raise PermissionDenied("Only those who run audits and the agencies involved see a case.")
    if not case.agencies.filter(pk=membership.agency_id).exists():
        raise Http404("No such case of your agency")
    return case


@member_required
@require_safe
def audit_round_list(request, membership):
    rounds = round_service.with_return_counts(round_service.rounds_for(membership))
    return render(request, "case_audits/round_list.html", audit_context(membership, rounds=rounds))


@member_required("can_run_audits")
def audit_round_create(request, membership):
    posted = request.POST if request.method == "POST" else None
    form = RoundForm(posted, partnership=membership.partnership)
    submitted = submit(form, lambda data: round_service.create_round(membership=membership, **form.service_arguments()))
    if submitted.done:
        messages.success(request, f"Audit round started: {submitted.result.title}")
        return redirect("audit_round_detail", membership.partnership.slug, submitted.result.pk)
    return render(request, "case_audits/round_form.html", audit_context(membership, form=form))


@member_required("can_run_audits")
def audit_round_edit(request, membership, round_pk):
    audit_round = round_or_404(membership, round_pk)
    if audit_round.is_published:
        return closed_round(request, membership, audit_round)
    posted = request.POST if request.method == "POST" else None
    form = RoundForm(posted, partnership=membership.partnership, audit_round=audit_round)
    submitted = submit(
        form,
        lambda data: round_service.update_round(
            membership=membership, audit_round=audit_round, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, "Audit round changed.")
        return redirect("audit_round_detail", membership.partnership.slug, audit_round.pk)
    return render(
        request,
        "case_audits/round_form.html",
        audit_context(membership, form=form, audit_round=audit_round, saved_since=submitted.saved_since),
    )


@member_required
@require_safe
def audit_round_detail(request, membership, round_pk):
    audit_round = round_or_404(membership, round_pk)
    runs = membership.can_run_audits
    sees_cases = runs or membership.is_contributor
    rows = round_service.case_rows(audit_round, membership) if sees_cases else []
    return render(
        request,
        "case_audits/round_detail.html",
        audit_context(
            membership,
            audit_round=audit_round,
            agencies=list(audit_round.agencies.all()),
            rows=rows,
            sees_cases=sees_cases,
            outstanding=round_service.outstanding_by_agency(rows) if runs else [],
            entries=history_entries(audit_round) if runs else [],
            finding_groups=findings_for(membership, audit_round),
        ),
    )


def _case_page(request, membership, form, audit_round, submitted, case=None):
    return render(
        request,
        "case_audits/case_form.html",
        audit_context(membership, form=form, audit_round=audit_round, case=case, saved_since=submitted.saved_since),
    )


@member_required("can_run_audits")
def audit_case_create(request, membership, round_pk):
    audit_round = round_or_404(membership, round_pk)
    if audit_round.is_published:
        return closed_round(request, membership, audit_round)
    form = CaseForm(request.POST if request.method == "POST" else None, audit_round=audit_round)
    submitted = submit(
        form,
        lambda data: round_service.create_case(
            membership=membership, audit_round=audit_round, **form.service_arguments()
        ),
    )
    if submitted.done:
        messages.success(request, f"Case added: {submitted.result.reference}")
        return redirect("audit_round_detail", membership.partnership.slug, audit_round.pk)
    return _case_page(request, membership, form, audit_round, submitted)


@member_required("can_run_audits")
def audit_case_edit(request, membership, round_pk, case_pk):
    audit_round = round_or_404(membership, round_pk)
    case = case_or_404(membership, audit_round, case_pk)
    if audit_round.is_published:
        return closed_round(request, membership, audit_round)
    form = CaseForm(request.POST if request.method == "POST" else None, audit_round=audit_round, case=case)
    submitted = submit(
        form,
        lambda data: round_service.update_case(
            membership=membership, case=case, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, f"Case {case.reference} changed.")
        return redirect("audit_case_detail", membership.partnership.slug, audit_round.pk, case.pk)
    return _case_page(request, membership, form, audit_round, submitted, case=case)


def closed_round(request, membership, audit_round):
    """Back to a published round, saying why nothing of it can change."""
    messages.info(request, round_service.PUBLISHED_ROUND)
    return redirect("audit_round_detail", membership.partnership.slug, audit_round.pk)


@member_required
@require_safe
def audit_case_detail(request, membership, round_pk, case_pk):
    audit_round = round_or_404(membership, round_pk)
    case = case_or_404(membership, audit_round, case_pk)
    runs = membership.can_run_audits
    agencies = sorted(
        (agency for agency in case.agencies.all() if runs or agency.pk == membership.agency_id),
        key=lambda agency: agency.name,
    )
    made = {
        agency_return.agency_id: agency_return
        for agency_return in AgencyReturn.objects.filter(case=case, agency__in=agencies).select_related(
            "submitted_by", "updated_by"
        )
    }
    returns = []
    for agency in agencies:
        agency_return = made.get(agency.pk)
        if agency_return is not None:
            agency_return.case = case
        returns.append(
            {
                "agency": agency,
                "record": agency_return,
                "answers": return_service.answers_of(case, agency_return),
                "late": return_service.is_late(agency_return) if agency_return else False,
                "closed": return_service.closed_reason(agency_return) if agency_return else None,
                "entries": history_entries(agency_return) if agency_return and runs else [],
            }
        )
    agreed = AgreedGrade.objects.filter(case=case).select_related("domain", "grade") if runs else []
    return render(
        request,
        "case_audits/case_detail.html",
        audit_context(
            membership,
            audit_round=audit_round,
            case=case,
            returns=returns,
            agreed=list(agreed),
            entries=history_entries(case) if runs else [],
        ),
    )
