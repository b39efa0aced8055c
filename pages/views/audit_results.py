"""A round's results: the agreed grades by domain (a table and a chart with its words), the share meeting the
standard, the gap between agencies' own grades and the agreed ones, and how a re-audit compares with the round
before it on the same tool. case_audits.results defines each.

Those who run audits read any round's results; every other member only once it is published (Membership.
can_see_audit_findings, the rule of a round's findings and results): for them an unpublished round's results
answer 403, like its page (pages/views/audit_rounds.round_or_404). The gap is about each agency's
self-assessment: only those who run audits see it.
Read in a fixed number of queries whatever the number of cases and returns.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from case_audits import results as audit_results
from pages.views.audit_rounds import round_or_404
from partnerships.access import member_required
from partnerships.permissions import require
from scrutiny.audit_sections import grades_chart


@member_required
@require_safe
def audit_round_results(request, membership, round_pk):
    audit_round = round_or_404(membership, round_pk)
    require(membership, "can_see_audit_findings", audit_round)
    earlier = audit_results.earlier_round(audit_round, membership)
    found = audit_results.results_of([audit_round, *([earlier] if earlier else [])])
    results = found[audit_round.pk]
    context = {
        "membership": membership,
        "partnership": membership.partnership,
        "audit_round": audit_round,
        "results": results,
        "chart": grades_chart(results, chart_id="audit-grades", title="Agreed grades by domain"),
        "comparison": audit_results.compare(found[earlier.pk], results) if earlier else None,
    }
    if membership.can_run_audits:
        context["gaps"] = audit_results.agency_gaps(results)
    return render(request, "case_audits/results.html", context)
