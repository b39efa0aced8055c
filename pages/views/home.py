from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partnerships.access import member_required
from partnerships.models import Membership
from scrutiny import audit_sections, indicator_sections, survey_sections
from scrutiny.dashboards import contributor_dashboard, lead_dashboard, scrutineer_dashboard, viewer_dashboard
from scrutiny.models import Report
from scrutiny.progress import agency_matrix as build_agency_matrix
from scrutiny.progress import overview_charts, partnership_progress, recommendation_progress


@login_required
@require_safe
def home(request):
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("partnership__framework", "agency", "safeguarding_partner")
        .order_by("partnership__name")
    )
    awaiting_sign_off = [
        report
        for membership in memberships
        if membership.is_safeguarding_partner
        for report in Report.objects.awaiting_decision_of(membership.safeguarding_partner)
    ]
    return render(
        request,
        "scrutiny/home.html",
        {
            "memberships": memberships,
            "scrutiny": scrutineer_dashboard(memberships),
            "plan": lead_dashboard(memberships),
            "agency_work": contributor_dashboard(memberships),
            "published": viewer_dashboard(memberships),
            "awaiting_sign_off": awaiting_sign_off,
        },
    )


@member_required
@require_safe
def partnership_overview(request, membership):
    progress = partnership_progress(membership, with_history=True)
    return render(
        request,
        "scrutiny/partnership_overview.html",
        {
            "membership": membership,
            "partnership": membership.partnership,
            "progress": progress,
            "charts": overview_charts(progress),
        },
    )


@member_required
@require_safe
def recommendation_detail(request, membership, code):
    partnership = membership.partnership
    recommendation = get_object_or_404(partnership.framework.recommendations, code=code)
    page = recommendation_progress(membership, recommendation)
    context = {
        "membership": membership,
        "partnership": partnership,
        "recommendation": recommendation,
        "status": page.status,
        "progress": page.progress,
        "scrutineer_links": page.scrutineer_links,
        "practitioner_links": page.practitioner_links,
        "themes": page.themes,
    }
    if membership.can_see_evidence:
        context["recent_evidence"] = page.recent_evidence
    if membership.can_see_challenges:
        context["open_challenges"] = page.open_challenges
    if membership.can_see_indicators:
        context["indicators"] = indicator_sections.for_recommendation(partnership, recommendation)
    # The latest round's grades for the domains linked to it: published rounds only, unless the reader runs audits.
    context["audit"] = audit_sections.for_recommendation(membership, recommendation)
    # The latest closed survey round's confidence and training for its linked areas, suppressed by surveys.results:
    # published rounds only, unless the reader runs surveys.
    context["survey"] = survey_sections.for_recommendation(membership, recommendation)
    return render(request, "scrutiny/recommendation_detail.html", context)


@member_required
@require_safe
def agency_matrix(request, membership):
    partnership = membership.partnership
    review = partnership.reviews.current()
    return render(
        request,
        "scrutiny/agency_matrix.html",
        {
            "membership": membership,
            "partnership": partnership,
            "review": review,
            "matrix": build_agency_matrix(partnership, review),
        },
    )
