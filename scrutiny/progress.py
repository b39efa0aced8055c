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
from scrutiny.models import ChallengeCounts, Judgement


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
    # Status value -> count of the action items that serve any of the rows, each counted once: a row counts
    # an item that serves two recommendations under each, so the rows may add up to more.
    action_totals: dict = field(default_factory=dict)


def evidence_in_scope(partnership, review):
    """The evidence a review looks at: its period's, or all current evidence before the first review."""
    return review.evidence() if review else partnership.evidence.current()


def actions_in_scope(partnership, review):
    """Action items live during a review's period (all of them before the first review)."""
    actions = ActionItem.objects.filter(partnership=partnership)
    if review:
        actions = actions.filter(start_date__lte=review.period_end, due_date__gte=review.period_start)
    return actions


# Who takes part in a recommendation, the one definition behind the overview's and the recommendation page's
# "Who is missing", the agencies-by-recommendation page and the report: an agency that logged evidence for it
# in the review's scope, or owns or contributes to an action for it that is live in the review's period.
# templates/partials/who_takes_part.html says so in words wherever it is shown.


@dataclass
class ActionParts:
    serves: list  # (item pk, recommendation pk, status): a row per item and recommendation it serves
    agencies: dict  # item pk -> {(agency pk, agency type)}: its owner agency and its contributing agencies


def action_parts(actions) -> ActionParts:
    """What each of `actions` serves and which agencies take part in it (owner or contributor), in two queries."""
    serves, agencies = [], defaultdict(set)
    rows = actions.order_by().values_list("pk", "recommendations", "status", "owner_agency", "owner_agency__type")
    for item, rec, status, owner, owner_type in rows:
        if rec is not None:
            serves.append((item, rec, status))
        agencies[item].add((owner, owner_type))
    contributors = ActionItem.contributing_agencies.through.objects.filter(actionitem__in=actions)
    for item, agency, agency_type in contributors.values_list("actionitem", "agency", "agency__type"):
        agencies[item].add((agency, agency_type))
    return ActionParts(serves=serves, agencies=agencies)


def evidence_parts(evidence) -> list:
    """(evidence pk, recommendation pk, agency pk, agency type, question pk) rows of `evidence`, in one query."""
    return list(evidence.order_by().values_list("pk", "recommendations", "agency", "agency__type", "questions"))


def missing_agency_types(recommendation, taking_part) -> list:
    """Labels of the agency types `recommendation` needs none of whose agencies takes part in it, given
    `taking_part`: the (recommendation pk, agency type) pairs of evidence_parts and action_parts."""
    return [
        AgencyType(code).label
        for code in recommendation.needed_agency_types
        if (recommendation.pk, code) not in taking_part
    ]


def agency_types_taking_part(evidence_rows, parts: ActionParts) -> set:
    """(recommendation pk, agency type) of every agency that takes part in a recommendation."""
    taking_part = {(rec, agency_type) for _, rec, agency, agency_type, _ in evidence_rows if agency is not None}
    for item, rec, _status in parts.serves:
        taking_part.update((rec, agency_type) for _agency, agency_type in parts.agencies[item])
    return taking_part


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
        reviews = list(partnership.reviews.order_by("-period_start", "-pk"))  # the order of reviews.current()
        review = reviews[0] if reviews else None
    else:
        review = partnership.reviews.current()
        reviews = [review] if review else []
    seen = [r for r in reviews if r.judgements_visible_to(membership)]
    visible = review is not None and review.judgements_visible_to(membership)
    judgements = _judgements(seen if with_history else seen[:1], rows)
    for judgement in judgements:
        if judgement.review_id == review.pk and judgement.recommendation_id in rows:
            rows[judgement.recommendation_id].judgement = judgement

    evidence_rows = evidence_parts(evidence_in_scope(partnership, review))
    evidenced_questions = _add_evidence(rows, evidence_rows)
    parts = action_parts(actions_in_scope(partnership, review))
    action_totals = _add_actions(rows, parts)
    _add_questions(rows, question_audiences, evidenced_questions)
    # Counts of challenges only for those who may open the challenge log.
    if challenge_counts is None and membership.can_see_challenges:
        challenge_counts = partnership.challenges.counts_by_recommendation()
    taking_part = agency_types_taking_part(evidence_rows, parts)
    for status in rows.values():
        counts = (challenge_counts or {}).get(status.recommendation.code)
        if counts:
            status.open_challenges, status.overdue_challenges = counts.open, counts.overdue
        status.missing_agency_types = missing_agency_types(status.recommendation, taking_part)

    history = _history(seen, judgements, rows) if with_history else None
    return PartnershipProgress(
        review=review,
        judgements_visible=visible,
        rows=list(rows.values()),
        history=history,
        action_totals=action_totals,
    )


def _judgements(reviews, rows) -> list:
    """The judgements of these reviews (on the recommendations of `rows`, when not all of them)."""
    if not reviews:
        return []
    judgements = Judgement.objects.filter(review__in=reviews)
    if len(rows) == 1:
        judgements = judgements.filter(recommendation__in=rows)
    return list(judgements.only("review", "recommendation", "level", "rationale"))


def _add_evidence(rows, evidence_rows) -> set:
    """Count each row's evidence from evidence_parts rows; return the questions any of the evidence answers."""
    pairs = {(rec_pk, pk) for pk, rec_pk, _, _, _ in evidence_rows if rec_pk in rows}
    for rec_pk, n in Counter(rec_pk for rec_pk, _ in pairs).items():
        rows[rec_pk].evidence_count = n
    return {question for _, _, _, _, question in evidence_rows}


def _add_actions(rows, parts: ActionParts) -> dict:
    """Count each row's actions by status (an item under every recommendation it serves), and return the
    count by status of the items that serve any row, each counted once."""
    once = {}
    for item, rec_pk, status in parts.serves:
        if rec_pk in rows:
            by_status = rows[rec_pk].actions_by_status
            by_status[status] = by_status.get(status, 0) + 1
            once[item] = status
    return dict(Counter(once.values()))


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
        challenges = partnership.challenges.open_about(recommendation)
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
    parts = action_parts(actions_in_scope(partnership, review))
    part = defaultdict(set)  # (agency, recommendation) -> the items it owns or shares
    for item, rec, _status in parts.serves:
        for agency, _agency_type in parts.agencies[item]:
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
            totals=progress.action_totals,
            title="Action plan items by status, for each recommendation",
        ),
        charts.assurance_across_reviews(titles, rows, title="Assurance level across reviews"),
    ]
