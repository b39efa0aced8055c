"""Moderating an audit round's cases, writing its findings, making a finding an action and evidence, publishing.

Thin views for those who run audits (`can_run_audits`: scrutineers and partnership managers; 403 for other
members, 404 for anyone without a membership): rounds, cases and findings are reached only through the
membership's partnership, so another partnership's are 404 whatever their ids. case_audits/moderation.py and
case_audits/findings.py check the permission again and write; their refusals land on the forms.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from case_audits import findings as finding_service
from case_audits import moderation
from case_audits.models import AuditCase, Finding
from case_audits.moderation_forms import FindingActForm, FindingForm, ModerationForm
from common.history import history_entries
from pages.views.audit_rounds import audit_context, closed_round, round_or_404
from pages.views.versioned import say_saved, submit
from partnerships.access import member_required
from recommendations.language import language_context


def _finding_or_404(membership, round_pk, finding_pk) -> Finding:
    audit_round = round_or_404(membership, round_pk)
    finding = get_object_or_404(audit_round.findings.select_related("action", "evidence"), pk=finding_pk)
    finding.round = audit_round
    return finding


@member_required("can_run_audits")
def case_moderate(request, membership, round_pk, case_pk):
    audit_round = round_or_404(membership, round_pk)
    if audit_round.is_published:
        return closed_round(request, membership, audit_round)
    audit_case = get_object_or_404(AuditCase.objects.filter(round=audit_round), pk=case_pk)
    audit_case.round = audit_round
    sheet = moderation.moderation_sheet(audit_case)
    posted = request.POST if request.method == "POST" else None
    form = ModerationForm(posted, audit_case=audit_case, sheet=sheet)
    submitted = submit(
        form,
        lambda data: moderation.moderate_case(
            membership=membership, audit_case=audit_case, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, f"Agreed grades saved: {audit_case.reference} is moderated.")
        return redirect(audit_round.get_absolute_url())
    return render(
        request,
        "case_audits/moderate.html",
        audit_context(
            membership,
            audit_round=audit_round,
            audit_case=audit_case,
            sheet=sheet,
            form=form,
            saved_since=submitted.saved_since,
            **language_context(membership.partnership.framework),
        ),
    )


@member_required("can_run_audits")
def finding_create(request, membership, round_pk):
    audit_round = round_or_404(membership, round_pk)
    if audit_round.is_published:
        return closed_round(request, membership, audit_round)
    posted = request.POST if request.method == "POST" else None
    form = FindingForm(posted, audit_round=audit_round)
    submitted = submit(
        form,
        lambda data: finding_service.create_finding(
            membership=membership, audit_round=audit_round, **form.service_arguments()
        ),
    )
    if submitted.done:
        messages.success(request, f"Finding saved: {submitted.result.get_kind_display().lower()}.")
        return redirect(f"{audit_round.get_absolute_url()}#findings")
    return render(
        request,
        "case_audits/finding_form.html",
        audit_context(
            membership, audit_round=audit_round, form=form, **language_context(membership.partnership.framework)
        ),
    )


@member_required("can_run_audits")
def finding_edit(request, membership, round_pk, finding_pk):
    finding = _finding_or_404(membership, round_pk, finding_pk)
    audit_round = finding.round
    if audit_round.is_published:
        return closed_round(request, membership, audit_round)
    posted = request.POST if request.method == "POST" else None
    form = FindingForm(posted, audit_round=audit_round, finding=finding)
    submitted = submit(
        form,
        lambda data: finding_service.update_finding(
            membership=membership, finding=finding, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        say_saved(request, submitted.result, "Finding changed.")
        return redirect(f"{audit_round.get_absolute_url()}#findings")
    return render(
        request,
        "case_audits/finding_form.html",
        audit_context(
            membership,
            audit_round=audit_round,
            finding=finding,
            form=form,
            saved_since=submitted.saved_since,
            entries=history_entries(finding),
            **language_context(membership.partnership.framework),
        ),
    )


@member_required("can_run_audits")
def finding_act(request, membership, round_pk, finding_pk):
    finding = _finding_or_404(membership, round_pk, finding_pk)
    audit_round = finding.round
    page = audit_context(membership, audit_round=audit_round, finding=finding, form=None, saved_since=[])
    if finding.action_id is not None or finding.evidence_id is not None:
        # Acted on already: the page shows the action and the evidence; a second POST makes nothing.
        if request.method == "POST":
            messages.error(request, finding_service.ALREADY_ACTED_ON)
            return redirect("audit_finding_act", membership.partnership.slug, audit_round.pk, finding.pk)
        return render(request, "case_audits/finding_act.html", page)
    form = FindingActForm(request.POST if request.method == "POST" else None, finding=finding)
    submitted = submit(
        form,
        lambda data: finding_service.act_on_finding(
            membership=membership, finding=finding, seen_version=data["version"], **form.service_arguments()
        ),
    )
    if submitted.done:
        messages.success(request, "Action added to the plan and evidence logged from the finding.")
        return redirect(f"{audit_round.get_absolute_url()}#findings")
    page |= {"form": form, "saved_since": submitted.saved_since, **language_context(membership.partnership.framework)}
    return render(request, "case_audits/finding_act.html", page)


@member_required("can_run_audits")
def round_publish(request, membership, round_pk):
    """GET: what publishing does, or what stops it. POST: publish, or the page again saying what stops it."""
    audit_round = round_or_404(membership, round_pk)
    refused = False
    if request.method == "POST":
        try:
            finding_service.publish_round(membership=membership, audit_round=audit_round)
        except ValidationError:
            refused = True
        else:
            messages.success(
                request, f"{audit_round.title} is published: every member can read its findings and results."
            )
            return redirect(audit_round.get_absolute_url())
    return render(
        request,
        "case_audits/publish.html",
        audit_context(
            membership, audit_round=audit_round, refused=refused, problems=finding_service.publish_problems(audit_round)
        ),
    )
