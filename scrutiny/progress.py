"""Where each recommendation stands in a partnership's current review: the overview's rows.

A fixed number of queries whatever the amount of evidence, challenges or questions.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from partnerships.models import Evidence
from recommendations.models import QuestionLink, ReflectiveQuestion
from scrutiny.challenges import challenge_counts_by_recommendation
from scrutiny.models import Judgement, current_review


@dataclass
class RecommendationStatus:
    recommendation: object
    judgement: Judgement | None = None
    evidence_count: int = 0
    open_challenges: int = 0
    overdue_challenges: int = 0
    questions_without_evidence: list = field(default_factory=list)


@dataclass
class PartnershipProgress:
    review: object
    judgements_visible: bool
    rows: list[RecommendationStatus]


def evidence_in_scope(partnership, review):
    """The evidence a review looks at: its period's, or all current evidence before the first review."""
    evidence = Evidence.objects.filter(partnership=partnership).current()
    return evidence.in_period(review.period_start, review.period_end) if review else evidence


def partnership_progress(membership, recommendation=None) -> PartnershipProgress:
    partnership = membership.partnership
    review = current_review(partnership)
    recommendations = partnership.framework.recommendations.all()
    if recommendation is not None:
        recommendations = recommendations.filter(pk=recommendation.pk)
    rows = {rec.pk: RecommendationStatus(rec) for rec in recommendations}

    visible = review is not None and review.judgements_visible_to(membership)
    if visible:
        for judgement in Judgement.objects.filter(review=review, recommendation__in=rows):
            rows[judgement.recommendation_id].judgement = judgement

    evidence = evidence_in_scope(partnership, review)
    by_recommendation = (
        Evidence.recommendations.through.objects.filter(evidence__in=evidence, recommendation__in=rows)
        .values("recommendation")
        .annotate(n=Count("evidence", distinct=True))
    )
    for row in by_recommendation:
        rows[row["recommendation"]].evidence_count = row["n"]

    challenge_counts = challenge_counts_by_recommendation(partnership)
    for status in rows.values():
        counts = challenge_counts.get(status.recommendation.code)
        if counts:
            status.open_challenges, status.overdue_challenges = counts.open, counts.overdue

    evidenced_questions = Counter(
        Evidence.questions.through.objects.filter(evidence__in=evidence).values_list("reflectivequestion", flat=True)
    )
    links = (
        QuestionLink.objects.filter(recommendation__in=rows, question__audience=ReflectiveQuestion.Audience.SCRUTINEER)
        .select_related("question")
        .order_by("question__position")
    )
    for link in links:
        if not evidenced_questions[link.question_id]:
            rows[link.recommendation_id].questions_without_evidence.append(link.question)

    return PartnershipProgress(review=review, judgements_visible=visible, rows=list(rows.values()))
