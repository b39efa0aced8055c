from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from partnerships.access import member_required
from partnerships.models import Membership
from recommendations.language import language_context
from recommendations.models import ReflectiveQuestion
from scrutiny.challenges import open_challenges
from scrutiny.dashboards import lead_dashboard, scrutineer_dashboard
from scrutiny.models import current_review
from scrutiny.progress import agency_matrix as build_agency_matrix
from scrutiny.progress import evidence_in_scope, overview_charts, partnership_progress

RECENT_EVIDENCE = 10


@login_required
def home(request):
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("partnership__framework", "agency")
        .order_by("partnership__name")
    )
    return render(
        request,
        "scrutiny/home.html",
        {
            "memberships": memberships,
            "scrutiny": scrutineer_dashboard(memberships),
            "plan": lead_dashboard(memberships),
        },
    )


@member_required
def partnership_overview(request, membership):
    progress = partnership_progress(membership)
    return render(
        request,
        "scrutiny/partnership_overview.html",
        {
            "membership": membership,
            "partnership": membership.partnership,
            "progress": progress,
            "charts": overview_charts(membership, progress),
        },
    )


@member_required
def recommendation_detail(request, membership, code):
    partnership = membership.partnership
    recommendation = get_object_or_404(partnership.framework.recommendations.prefetch_related("themes"), code=code)
    links = recommendation.question_links.select_related("question").order_by(
        "question__audience", "question__position"
    )
    by_audience = {
        audience: [link for link in links if link.question.audience == audience]
        for audience in ReflectiveQuestion.Audience.values
    }
    progress = partnership_progress(membership, recommendation)
    context = {
        "membership": membership,
        "partnership": partnership,
        "recommendation": recommendation,
        "status": progress.rows[0],
        "progress": progress,
        "scrutineer_links": by_audience[ReflectiveQuestion.Audience.SCRUTINEER],
        "practitioner_links": by_audience[ReflectiveQuestion.Audience.PRACTITIONER],
        **language_context(partnership.framework),
    }
    if membership.can_see_evidence:
        context["recent_evidence"] = (
            evidence_in_scope(partnership, progress.review)
            .filter(recommendations=recommendation)
            .select_related("agency", "partnership")[:RECENT_EVIDENCE]
        )
    if membership.can_see_challenges:
        context["open_challenges"] = open_challenges(partnership, recommendation=recommendation)
    return render(request, "scrutiny/recommendation_detail.html", context)


@member_required
def agency_matrix(request, membership):
    partnership = membership.partnership
    review = current_review(partnership)
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
