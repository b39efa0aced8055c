"""Where each recommendation stands in a partnership's current review: the overview's rows and a
recommendation's page.

A fixed number of queries whatever the amount of evidence, challenges or questions. Framework
rows (recommendations, question links) are fetched once per request and passed down.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from partnerships.models import ActionItem, Evidence
from recommendations.models import AgencyType, QuestionLink, ReflectiveQuestion
from scrutiny import charts
from scrutiny.challenges import ChallengeCounts, challenge_counts_by_recommendation, open_challenges_about
from scrutiny.models import Judgement, current_review


@dataclass
class RecommendationStatus:
    recommendation: object
    judgement: Judgement | None = None
    evidence_count: int = 0
    open_challenges: int = 0
    overdue_challenges: int = 0
    question_links: list = field(default_factory=list)  # of the audiences asked for, by audience and position
    questions_without_evidence: list = field(default_factory=list)
    actions_by_status: dict = field(default_factory=dict)  # status value -> count
    missing_agency_types: list = field(default_factory=list)  # labels of needed types with no part

    @property
    def action_count(self) -> int:
        return sum(self.actions_by_status.values())

    def links_for(self, audience) -> list:
        return [link for link in self.question_links if link.question.audience == audience]


@dataclass
class PartnershipProgress:
    review: object
    judgements_visible: bool
    rows: list[RecommendationStatus]
    # (review titles oldest first, [(recommendation code, [level or None per review])]): the reviews whose
    # judgements the member may see. Only when asked for (the overview's chart).
    history: tuple[list, list] | None = None


def evidence_in_scope(partnership, review):
    """The evidence a review looks at: its period's, or all current evidence before the first review."""
    evidence = partnership.evidence.current()
    return evidence.in_period(review.period_start, review.period_end) if review else evidence


def actions_in_scope(partnership, review):
    """Action items live during a review's period (all of them before the first review)."""
    actions = ActionItem.objects.filter(partnership=partnership)
    if review:
        actions = actions.filter(start_date__lte=review.period_end, due_date__gte=review.period_start)
    return actions


def partnership_progress(
    membership,
    recommendations=None,
    *,
    question_audiences=(ReflectiveQuestion.Audience.SCRUTINEER,),
    challenge_counts: dict[str, ChallengeCounts] | None = None,
    with_history=False,
) -> PartnershipProgress:
    """A row per recommendation (the framework's, unless the caller passes those it has fetched).

    Each row carries its question links of `question_audiences`. Pass `challenge_counts` (by code)
    when the page has already counted them; `with_history` adds the assurance levels of every
    review the member may see, from the same queries.
    """
    partnership = membership.partnership
    if recommendations is None:
        recommendations = partnership.framework.recommendations.all()
    rows = {rec.pk: RecommendationStatus(rec) for rec in recommendations}

    if with_history:
        reviews = list(partnership.reviews.order_by("-period_start", "-pk"))  # current_review's order
        review = reviews[0] if reviews else None
    else:
        review = current_review(partnership)
        reviews = [review] if review else []
    seen = [r for r in reviews if r.judgements_visible_to(membership)]
    visible = review is not None and review.judgements_visible_to(membership)
    judgements = _judgements(seen if with_history else seen[:1], rows)
    for judgement in judgements:
        if judgement.review_id == review.pk and judgement.recommendation_id in rows:
            rows[judgement.recommendation_id].judgement = judgement

    taking_part = set()  # (recommendation pk, agency type) of evidence given or actions owned
    evidenced_questions = _add_evidence(rows, evidence_in_scope(partnership, review), taking_part)
    _add_actions(rows, actions_in_scope(partnership, review), taking_part)
    _add_questions(rows, question_audiences, evidenced_questions)
    if challenge_counts is None:
        challenge_counts = challenge_counts_by_recommendation(partnership)
    for pk, status in rows.items():
        counts = challenge_counts.get(status.recommendation.code)
        if counts:
            status.open_challenges, status.overdue_challenges = counts.open, counts.overdue
        # Who is missing: agency types a recommendation needs that gave no evidence and own no action for it.
        status.missing_agency_types = [
            AgencyType(code).label
            for code in status.recommendation.needed_agency_types
            if (pk, code) not in taking_part
        ]

    history = _history(seen, judgements, rows) if with_history else None
    return PartnershipProgress(review=review, judgements_visible=visible, rows=list(rows.values()), history=history)


def _judgements(reviews, rows) -> list:
    """The judgements of these reviews (on the recommendations of `rows`, when not all of them)."""
    if not reviews:
        return []
    judgements = Judgement.objects.filter(review__in=reviews)
    if len(rows) == 1:
        judgements = judgements.filter(recommendation__in=rows)
    return list(judgements.only("review", "recommendation", "level", "rationale"))


def _add_evidence(rows, evidence, taking_part) -> set:
    """Count each row's evidence and note its agencies, in one pass over (evidence, recommendation, agency
    type, question) rows; return the questions any of the evidence answers."""
    links = list(evidence.order_by().values_list("pk", "recommendations", "agency__type", "questions"))
    pairs = {(rec_pk, pk) for pk, rec_pk, _, _ in links if rec_pk in rows}
    for rec_pk, n in Counter(rec_pk for rec_pk, _ in pairs).items():
        rows[rec_pk].evidence_count = n
    taking_part.update((rec_pk, agency_type) for _, rec_pk, agency_type, _ in links)
    return {question for _, _, _, question in links}


def _add_actions(rows, actions, taking_part):
    """Count each row's actions by status and note the agencies that own them, in one query: a row per item
    and recommendation, counted here (cheaper than grouping in SQL for a plan's few dozen items)."""
    links = actions.order_by().values_list("recommendations", "status", "owner_agency__type")
    for rec_pk, status, agency_type in links:
        if rec_pk in rows:
            by_status = rows[rec_pk].actions_by_status
            by_status[status] = by_status.get(status, 0) + 1
            taking_part.add((rec_pk, agency_type))


def _add_questions(rows, audiences, evidenced_questions):
    links = (
        QuestionLink.objects.filter(recommendation__in=rows, question__audience__in=audiences)
        .select_related("question")
        .order_by("question__audience", "question__position")
    )
    for link in links:
        status = rows[link.recommendation_id]
        status.question_links.append(link)
        question = link.question
        if question.audience == ReflectiveQuestion.Audience.SCRUTINEER and question.pk not in evidenced_questions:
            status.questions_without_evidence.append(question)


def _history(reviews, judgements, rows) -> tuple[list, list]:
    """(review titles oldest first, [(recommendation code, [level or None per review])]), from reviews newest first."""
    levels = {(j.review_id, j.recommendation_id): j.level for j in judgements}
    oldest_first = reviews[::-1]
    return (
        [review.title for review in oldest_first],
        [(s.recommendation.code, [levels.get((r.pk, pk)) for r in oldest_first]) for pk, s in rows.items()],
    )


@dataclass
class RecommendationProgress:
    """A recommendation's page: its row, its questions by audience, and what the member may list of it."""

    progress: PartnershipProgress
    status: RecommendationStatus
    scrutineer_links: list
    practitioner_links: list
    themes: list
    recent_evidence: list | None  # None when the member may not see evidence
    open_challenges: list | None  # None when the member may not see challenges


def recommendation_progress(membership, recommendation, *, recent=10) -> RecommendationProgress:
    """Everything a recommendation's page shows of it, given the recommendation the view has fetched."""
    partnership = membership.partnership
    challenges = counts = None
    if membership.can_see_challenges:
        # The page lists them: count them from the list rather than ask again.
        challenges = open_challenges_about(partnership, recommendation)
        counts = {
            recommendation.code: ChallengeCounts(
                open=len(challenges), overdue=sum(challenge.is_overdue for challenge in challenges)
            )
        }
    progress = partnership_progress(
        membership, [recommendation], question_audiences=ReflectiveQuestion.Audience.values, challenge_counts=counts
    )
    status = progress.rows[0]
    recent_evidence = None
    if membership.can_see_evidence:
        recent_evidence = list(
            evidence_in_scope(partnership, progress.review)
            .filter(recommendations=recommendation)
            .select_related("agency")
            .only("partnership", "title", "date", "agency__name")[:recent]
        )
    return RecommendationProgress(
        progress=progress,
        status=status,
        scrutineer_links=status.links_for(ReflectiveQuestion.Audience.SCRUTINEER),
        practitioner_links=status.links_for(ReflectiveQuestion.Audience.PRACTITIONER),
        themes=list(recommendation.themes.all()),
        recent_evidence=recent_evidence,
        open_challenges=challenges,
    )


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


def overview_charts(progress: PartnershipProgress) -> list:
    """The overview's charts, from progress made `with_history`."""
    titles, rows = progress.history
    return [
        charts.actions_by_status(
            [(status.recommendation.code, status.actions_by_status) for status in progress.rows],
            title="Action plan items by status, for each recommendation",
        ),
        charts.assurance_across_reviews(titles, rows, title="Assurance level across reviews"),
    ]
