"""Where each recommendation stands in a partnership's current review: the overview's rows.

A fixed number of queries whatever the amount of evidence, challenges or questions.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from partnerships.models import ActionItem, Evidence
from recommendations.models import AgencyType, QuestionLink, ReflectiveQuestion
from scrutiny import charts
from scrutiny.challenges import challenge_counts_by_recommendation
from scrutiny.models import Judgement, Review, current_review


@dataclass
class RecommendationStatus:
    recommendation: object
    judgement: Judgement | None = None
    evidence_count: int = 0
    open_challenges: int = 0
    overdue_challenges: int = 0
    questions_without_evidence: list = field(default_factory=list)
    actions_by_status: dict = field(default_factory=dict)  # status value -> count
    missing_agency_types: list = field(default_factory=list)  # labels of needed types with no part

    @property
    def action_count(self) -> int:
        return sum(self.actions_by_status.values())


@dataclass
class PartnershipProgress:
    review: object
    judgements_visible: bool
    rows: list[RecommendationStatus]


def evidence_in_scope(partnership, review):
    """The evidence a review looks at: its period's, or all current evidence before the first review."""
    evidence = Evidence.objects.filter(partnership=partnership).current()
    return evidence.in_period(review.period_start, review.period_end) if review else evidence


def actions_in_scope(partnership, review):
    """Action items live during a review's period (all of them before the first review)."""
    actions = ActionItem.objects.filter(partnership=partnership)
    if review:
        actions = actions.filter(start_date__lte=review.period_end, due_date__gte=review.period_start)
    return actions


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

    actions = actions_in_scope(partnership, review)
    action_links = ActionItem.recommendations.through.objects.filter(actionitem__in=actions, recommendation__in=rows)
    for row in action_links.values("recommendation", "actionitem__status").annotate(n=Count("actionitem")):
        rows[row["recommendation"]].actions_by_status[row["actionitem__status"]] = row["n"]

    # Who is missing: agency types a recommendation needs that gave no evidence and own no action for it.
    taking_part = {pk: set() for pk in rows}
    evidence_links = Evidence.recommendations.through.objects.filter(evidence__in=evidence, recommendation__in=rows)
    for rec_pk, agency_type in evidence_links.values_list("recommendation", "evidence__agency__type").distinct():
        taking_part[rec_pk].add(agency_type)
    for rec_pk, agency_type in action_links.values_list("recommendation", "actionitem__owner_agency__type").distinct():
        taking_part[rec_pk].add(agency_type)
    for pk, status in rows.items():
        status.missing_agency_types = [
            AgencyType(code).label for code in status.recommendation.needed_agency_types if code not in taking_part[pk]
        ]

    return PartnershipProgress(review=review, judgements_visible=visible, rows=list(rows.values()))


@dataclass
class AgencyMatrix:
    recommendations: list
    rows: list  # (agency, [(evidence count, action count) per recommendation])


def agency_matrix(partnership, review) -> AgencyMatrix:
    """Every agency of the partnership by every recommendation: its evidence and the actions it owns or shares."""
    recommendations = list(partnership.framework.recommendations.all())
    agencies = list(partnership.agencies.order_by("name"))
    cells = {(agency.pk, rec.pk): [0, 0] for agency in agencies for rec in recommendations}
    evidence_links = Evidence.recommendations.through.objects.filter(
        evidence__in=evidence_in_scope(partnership, review), evidence__agency__isnull=False
    )
    for row in evidence_links.values("evidence__agency", "recommendation").annotate(n=Count("evidence")):
        cells[row["evidence__agency"], row["recommendation"]][0] = row["n"]
    actions = actions_in_scope(partnership, review)
    links = list(
        ActionItem.recommendations.through.objects.filter(actionitem__in=actions).values_list(
            "actionitem", "recommendation", "actionitem__owner_agency"
        )
    )
    recommendations_of = defaultdict(list)
    part = defaultdict(set)  # (agency, recommendation) -> the items it owns or shares
    for item, rec, owner in links:
        recommendations_of[item].append(rec)
        part[owner, rec].add(item)
    contributors = ActionItem.contributing_agencies.through.objects.filter(actionitem__in=actions)
    for item, agency in contributors.values_list("actionitem", "agency"):
        for rec in recommendations_of[item]:
            part[agency, rec].add(item)
    for key, items in part.items():
        if key in cells:
            cells[key][1] = len(items)
    rows = [(agency, [tuple(cells[agency.pk, rec.pk]) for rec in recommendations]) for agency in agencies]
    return AgencyMatrix(recommendations=recommendations, rows=rows)


def assurance_history(membership):
    """(review titles oldest first, [(recommendation code, [level or None per review])]) the member may see."""
    partnership = membership.partnership
    reviews = list(
        Review.objects.filter(partnership=partnership).visible_judgements_for(membership).order_by("period_start", "pk")
    )
    levels = {
        (review, rec): level
        for review, rec, level in Judgement.objects.filter(review__in=reviews).values_list(
            "review", "recommendation", "level"
        )
    }
    rows = [
        (rec.code, [levels.get((review.pk, rec.pk)) for review in reviews])
        for rec in partnership.framework.recommendations.all()
    ]
    return [review.title for review in reviews], rows


def overview_charts(membership, progress: PartnershipProgress) -> list:
    titles, rows = assurance_history(membership)
    return [
        charts.actions_by_status(
            [(status.recommendation.code, status.actions_by_status) for status in progress.rows],
            title="Action plan items by status, for each recommendation",
        ),
        charts.assurance_across_reviews(titles, rows, title="Assurance level across reviews"),
    ]
