from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from partnerships.access import member_required
from partnerships.models import Membership
from recommendations.models import ReflectiveQuestion


@login_required
def home(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("partnership", "agency")
        .order_by("partnership__name")
    )
    return render(request, "scrutiny/home.html", {"memberships": memberships})


@member_required
def partnership_overview(request, membership):
    partnership = membership.partnership
    recommendations = partnership.framework.recommendations.all()
    return render(
        request,
        "scrutiny/partnership_overview.html",
        {"membership": membership, "partnership": partnership, "recommendations": recommendations},
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
    return render(
        request,
        "scrutiny/recommendation_detail.html",
        {
            "membership": membership,
            "partnership": partnership,
            "recommendation": recommendation,
            "scrutineer_links": by_audience[ReflectiveQuestion.Audience.SCRUTINEER],
            "practitioner_links": by_audience[ReflectiveQuestion.Audience.PRACTITIONER],
        },
    )
