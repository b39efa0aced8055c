"""Publishing a review: the one act that shows its judgements, and its final reports, to every member.

What publishing opens to whom is docs/decisions/0016-what-a-final-report-holds.md; the confirmation
page (templates/reviews/review_publish.html) says it to the scrutineer before they confirm. Moving a
published review back is confirmed too, on the edit form (pages.views.reviews.review_edit), with
`withdrawn_by_unpublishing` saying who loses what. Both bump the review's version, so that an edit form
opened before either is refused as stale (common/versioning.py) rather than saved over it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count

from common.versioning import bump
from partnerships.models import Membership
from partnerships.permissions import require
from scrutiny.models import AssuranceLevel, Report, Review


def readers(partnership) -> dict:
    """How many people hold each role in the partnership, by role value (0 for a role nobody holds)."""
    counts = dict(
        Membership.objects.filter(partnership=partnership).values_list("role").annotate(n=Count("pk")).order_by()
    )
    return {role: counts.get(role, 0) for role in Membership.Role.values}


def not_yet_assessed(review) -> int:
    """How many of the framework's recommendations this review has not judged yet."""
    judged = review.judgements.exclude(level=AssuranceLevel.NOT_ASSESSED).count()
    return review.partnership.framework.recommendations.count() - judged


def withdrawn_by_unpublishing(review) -> dict:
    """Who loses what if the published `review` is moved back: its final reports and judgements, from
    the contributors and viewers (scrutineers and leads keep reading everything)."""
    counts = readers(review.partnership)
    return {
        "contributors": counts[Membership.Role.CONTRIBUTOR],
        "viewers": counts[Membership.Role.VIEWER],
        "final_reports": review.reports.filter(kind=Report.Kind.FINAL, status=Report.Status.READY).count(),
    }


def publish_review(*, membership, review) -> bool:
    """Publish `review` after its scrutineer confirmed; False if it was published already."""
    if review.partnership_id != membership.partnership_id:
        raise PermissionDenied
    require(membership, "can_manage_reviews")
    with transaction.atomic():
        # The same row lock scrutiny.reports takes before it accepts a final report.
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.is_published:
            return False
        review.status = Review.Status.PUBLISHED
        bump(review)  # an edit form opened before this is refused, not saved over it
        review._change_reason = "Published after confirming who would then read what"
        review.save(update_fields=["status", "version"])
    return True
