"""The home pages: a scrutineer's view across their partnerships, a lead's view of their plan, a contributor's
view of their agency's actions and challenges, and a viewer's of published judgements and ready reports.

Each is a fixed number of queries however many partnerships, items or challenges there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.utils import timezone

from case_audits.models import AgencyReturn, AuditCase, AuditRound
from case_audits.rounds import with_return_counts
from indicators.trends import trends_of_partnerships
from partnerships.models import ActionItem, Evidence
from partnerships.permissions import allows
from recommendations.models import Recommendation, ReflectiveQuestion
from scrutiny.models import Challenge, Judgement, Report, Review, overdue_challenge_q
from surveys.models import SurveyRound
from surveys.rounds import with_answer_counts

LIST_LIMIT = 20
DUE_SOON_DAYS = 14


@dataclass
class LevelCell:
    current: str | None
    previous: str | None


@dataclass
class PartnershipAssurance:
    partnership: object
    review: Review | None
    previous_review: Review | None
    cells: list[LevelCell]
    recommendations_without_evidence: list[str]
    questions_without_evidence: list[str]


@dataclass
class FrameworkTable:
    framework: object
    recommendations: list
    rows: list[PartnershipAssurance] = field(default_factory=list)


@dataclass
class Capped:
    """The first LIST_LIMIT items of a list, and how many there are in all."""

    items: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _capped(queryset) -> Capped:
    """One query: each row carries the length of the whole list (a window count, taken before the limit)."""
    rows = list(queryset.annotate(list_total=Window(Count("pk")))[:LIST_LIMIT])
    if not rows:
        return Capped(rows, 0)
    return Capped(rows, rows[0]["list_total"] if isinstance(rows[0], dict) else rows[0].list_total)


# What the lists' rows show, read with the row: one query a list whatever its length.
ACTION_LINE_FIELDS = (
    "description",
    "due_date",
    "status",
    "owner_agency__name",
    "partnership__name",
    "partnership__slug",
)
CHALLENGE_LINE_FIELDS = ("text", "response_due", "status", "agency__name", "partnership__name", "partnership__slug")


def _action_lines(items) -> Capped:
    return _capped(items.select_related("partnership", "owner_agency").only(*ACTION_LINE_FIELDS))


def _challenge_lines(challenges) -> Capped:
    return _capped(challenges.select_related("partnership", "agency").only(*CHALLENGE_LINE_FIELDS))


def _latest_two_reviews(partnership_ids):
    reviews = defaultdict(list)
    for review in Review.objects.filter(partnership__in=partnership_ids).order_by(
        "partnership", "-period_start", "-pk"
    ):
        if len(reviews[review.partnership_id]) < 2:
            reviews[review.partnership_id].append(review)
    return reviews


def _in_current_period(prefix, partnerships, reviews) -> Q:
    """Evidence (reached through `prefix`) dated within each partnership's current review, current only."""
    scope = Q()
    for partnership in partnerships:
        own = Q(**{f"{prefix}partnership": partnership.pk})
        latest = reviews.get(partnership.pk)
        if latest:
            own &= Q(**{f"{prefix}date__gte": latest[0].period_start, f"{prefix}date__lte": latest[0].period_end})
        scope |= own
    return scope & Q(**{f"{prefix}withdrawn_at__isnull": True})


@dataclass
class WrongWay:
    """A partnership's indicators whose latest value is worse than the one of the period before."""

    partnership: object
    trends: list  # indicators.trends.IndicatorTrend, in the indicators' order
    has_figures: bool  # any value of its own recorded at all


def _wrong_way(partnerships) -> list[WrongWay]:
    trends = trends_of_partnerships(partnerships)
    return [
        WrongWay(
            partnership,
            [trend for trend in trends[partnership.pk] if trend.moved_wrong_way],
            any(trend.latest for trend in trends[partnership.pk]),
        )
        for partnership in sorted(partnerships, key=lambda p: p.name)
    ]


@dataclass
class ScrutineerDashboard:
    tables: list[FrameworkTable]
    overdue_actions: Capped
    awaiting_verification: Capped
    open_challenges: Capped
    overdue_challenges: int
    wrong_way: list[WrongWay] = field(default_factory=list)

    @property
    def gaps(self) -> list[PartnershipAssurance]:
        return [
            row
            for table in self.tables
            for row in table.rows
            if row.recommendations_without_evidence or row.questions_without_evidence
        ]


def scrutineer_dashboard(memberships) -> ScrutineerDashboard | None:
    partnerships = [m.partnership for m in memberships if m.is_scrutineer]
    if not partnerships:
        return None
    ids = [p.pk for p in partnerships]
    reviews = _latest_two_reviews(ids)
    review_ids = [r.pk for pair in reviews.values() for r in pair]
    levels = Judgement.objects.levels(review_ids)
    framework_ids = {p.framework_id for p in partnerships}
    recommendations = defaultdict(list)
    for rec in Recommendation.objects.filter(framework__in=framework_ids).only("framework", "code", "title"):
        recommendations[rec.framework_id].append(rec)
    evidenced = set(
        Evidence.recommendations.through.objects.filter(_in_current_period("evidence__", partnerships, reviews))
        .values_list("evidence__partnership", "recommendation")
        .distinct()
    )
    evidenced_questions = set(
        Evidence.questions.through.objects.filter(_in_current_period("evidence__", partnerships, reviews))
        .values_list("evidence__partnership", "reflectivequestion")
        .distinct()
    )
    questions = defaultdict(list)
    scrutineer_questions = (
        ReflectiveQuestion.objects.filter(framework__in=framework_ids, audience=ReflectiveQuestion.Audience.SCRUTINEER)
        .order_by("position")
        .only("framework", "code")
    )
    for question in scrutineer_questions:
        questions[question.framework_id].append(question)

    tables = {}
    for partnership in sorted(partnerships, key=lambda p: p.name):
        framework_recs = recommendations[partnership.framework_id]
        table = tables.setdefault(partnership.framework_id, FrameworkTable(partnership.framework, framework_recs))
        pair = reviews.get(partnership.pk, [])
        current, previous = (pair + [None, None])[:2]
        table.rows.append(
            PartnershipAssurance(
                partnership=partnership,
                review=current,
                previous_review=previous,
                cells=[
                    LevelCell(
                        current=levels.get((current.pk, rec.pk)) if current else None,
                        previous=levels.get((previous.pk, rec.pk)) if previous else None,
                    )
                    for rec in framework_recs
                ],
                recommendations_without_evidence=[
                    rec.code for rec in framework_recs if (partnership.pk, rec.pk) not in evidenced
                ],
                questions_without_evidence=[
                    q.code
                    for q in questions[partnership.framework_id]
                    if (partnership.pk, q.pk) not in evidenced_questions
                ],
            )
        )

    today = timezone.localdate()
    # The overdue ones are among the open ones: counted by the same query, as a filtered window count.
    open_challenges = _challenge_lines(
        Challenge.objects.filter(partnership__in=ids)
        .open()
        .order_by("response_due")
        .annotate(overdue_total=Window(Count("pk", filter=overdue_challenge_q(today))))
    )
    return ScrutineerDashboard(
        tables=list(tables.values()),
        overdue_actions=_action_lines(ActionItem.objects.filter(partnership__in=ids).overdue(today)),
        awaiting_verification=_action_lines(
            ActionItem.objects.filter(
                partnership__in=ids, status=ActionItem.Status.COMPLETE, verified_by__isnull=True
            ).order_by("-updated_at", "pk")
        ),
        open_challenges=open_challenges,
        overdue_challenges=open_challenges.items[0].overdue_total if open_challenges.items else 0,
        wrong_way=_wrong_way(partnerships),
    )


@dataclass
class LeadDashboard:
    plans: list  # (partnership, [(status label, count)], total)
    due: Capped  # overdue or due within DUE_SOON_DAYS, soonest first
    awaiting_answer: Capped
    open_audits: list = field(default_factory=list)  # unpublished audit rounds, with returns_outstanding
    open_surveys: list = field(default_factory=list)  # survey rounds taking answers today, with answer_count


def _open_audit_rounds(partnership_ids) -> list:
    """The partnerships' unpublished audit rounds, soonest due first, each with how many returns are outstanding:
    one query."""
    rounds = with_return_counts(
        AuditRound.objects.filter(partnership__in=partnership_ids, published_at__isnull=True)
        .select_related("partnership")
        .only("title", "due_date", "partnership__name", "partnership__slug")
        .order_by("due_date", "pk")
    )
    rounds = list(rounds[:LIST_LIMIT])
    for audit_round in rounds:
        audit_round.returns_outstanding = audit_round.returns_expected - audit_round.returns_submitted
    return rounds


def _open_survey_rounds(partnership_ids, today) -> list:
    """The partnerships' survey rounds taking answers today, soonest closing first, each with its answer count in
    all: one query."""
    rounds = with_answer_counts(
        SurveyRound.objects.filter(
            partnership__in=partnership_ids, closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("partnership")
        .only("title", "closes_on", "partnership__name", "partnership__slug")
        .order_by("closes_on", "pk")
    )
    return list(rounds[:LIST_LIMIT])


def lead_dashboard(memberships) -> LeadDashboard | None:
    partnerships = [m.partnership for m in memberships if m.is_lead]
    if not partnerships:
        return None
    ids = [p.pk for p in partnerships]
    counts = defaultdict(dict)
    for row in ActionItem.objects.filter(partnership__in=ids).values("partnership", "status").annotate(n=Count("pk")):
        counts[row["partnership"]][row["status"]] = row["n"]
    plans = [
        (
            partnership,
            [(label, counts[partnership.pk].get(value, 0)) for value, label in ActionItem.Status.choices],
            sum(counts[partnership.pk].values()),
        )
        for partnership in sorted(partnerships, key=lambda p: p.name)
    ]
    today = timezone.localdate()
    items = ActionItem.objects.filter(partnership__in=ids)
    due = items.overdue(today) | items.due_within(DUE_SOON_DAYS, today)
    # Escalated challenges wait for the lead safeguarding partners, not the manager (decision 0020).
    awaiting = Challenge.objects.filter(partnership__in=ids, status=Challenge.Status.AWAITING_RESPONSE)
    return LeadDashboard(
        plans=plans,
        due=_action_lines(due.order_by("due_date", "pk")),
        awaiting_answer=_challenge_lines(awaiting.order_by("response_due", "pk")),
        open_audits=_open_audit_rounds(ids),
        open_surveys=_open_survey_rounds(ids, today),
    )


@dataclass
class ContributorDashboard:
    due: Capped  # their agency's actions, overdue or due within DUE_SOON_DAYS, soonest first
    challenges: Capped  # open challenges addressed to their agency, those awaiting an answer first
    returns: Capped = None  # their agency's audit returns not yet submitted in unpublished rounds, soonest due first


def _returns_to_complete(contributing) -> Capped:
    """The cases of unpublished rounds each contributor's agency takes part in and is involved in, with no
    submitted return from it: one query. Each row carries `return_status` (None before a save) and `agency_pk`."""
    scope = Q()
    for membership in contributing:
        scope |= Q(
            round__partnership=membership.partnership_id,
            agencies=membership.agency_id,
            round__agencies=membership.agency_id,
        )
    agencies = [membership.agency_id for membership in contributing]
    status = AgencyReturn.objects.filter(case=OuterRef("pk"), agency__in=agencies).values("status")[:1]
    cases = (
        AuditCase.objects.filter(scope, round__published_at__isnull=True)
        .annotate(return_status=Subquery(status))
        .filter(Q(return_status__isnull=True) | Q(return_status=AgencyReturn.Status.DRAFT))
        .select_related("round__partnership")
        .only("reference", "round__title", "round__due_date", "round__partnership__name", "round__partnership__slug")
        .order_by("round__due_date", "round", "reference")
    )
    lines = _capped(cases)
    agency_of = {membership.partnership_id: membership.agency_id for membership in contributing}
    for case in lines.items:
        case.agency_pk = agency_of[case.round.partnership_id]
        case.status_label = AgencyReturn.Status(case.return_status).label if case.return_status else "Not started"
    return lines


def _of_own_agency(memberships, field: str) -> Q:
    """Rows of each membership's partnership whose `field` is the member's agency."""
    scope = Q()
    for membership in memberships:
        scope |= Q(partnership=membership.partnership_id, **{field: membership.agency_id})
    return scope


def contributor_dashboard(memberships) -> ContributorDashboard | None:
    contributing = [m for m in memberships if m.is_contributor]
    if not contributing:
        return None
    today = timezone.localdate()
    items = ActionItem.objects.filter(_of_own_agency(contributing, "owner_agency"))
    due = items.overdue(today) | items.due_within(DUE_SOON_DAYS, today)
    # Awaiting their answer (or escalated past it) first, then those answered and not yet accepted.
    challenges = (
        Challenge.objects.filter(_of_own_agency(contributing, "agency"))
        .open()
        .annotate(answered=~Q(status__in=Challenge.AWAITING_RESPONSE))
        .order_by("answered", "response_due", "pk")
    )
    return ContributorDashboard(
        due=_action_lines(due.order_by("due_date", "pk")),
        challenges=_challenge_lines(challenges),
        returns=_returns_to_complete(contributing),
    )


@dataclass
class PublishedAssurance:
    partnership: object
    review: Review | None  # the latest review the member may read the judgements of
    levels: list  # per recommendation of the framework, in its order: the level, or None


@dataclass
class PublishedTable:
    framework: object
    recommendations: list
    rows: list[PublishedAssurance] = field(default_factory=list)


@dataclass
class ViewerDashboard:
    tables: list[PublishedTable]
    reports: Capped  # the ready reports the member may read, newest first


def viewer_dashboard(memberships) -> ViewerDashboard | None:
    """The latest published judgements and the ready reports of the partnerships the user views.

    What a viewer may read is asked of the rules' owners: Review.judgements_visible_to and
    Membership.can_read_report. The queries only narrow the candidates to published reviews and ready reports.
    """
    viewing = {m.partnership_id: m for m in memberships if m.is_viewer}
    if not viewing:
        return None
    latest = {}
    for review in Review.objects.filter(partnership__in=viewing, status=Review.Status.PUBLISHED).order_by(
        "partnership", "-period_start", "-pk"
    ):
        if review.partnership_id not in latest and review.judgements_visible_to(viewing[review.partnership_id]):
            latest[review.partnership_id] = review
    levels = Judgement.objects.levels(latest.values())
    partnerships = sorted((m.partnership for m in viewing.values()), key=lambda p: p.name)
    recommendations = defaultdict(list)
    for rec in Recommendation.objects.filter(framework__in={p.framework_id for p in partnerships}).only(
        "framework", "code", "title"
    ):
        recommendations[rec.framework_id].append(rec)
    tables = {}
    for partnership in partnerships:
        framework_recs = recommendations[partnership.framework_id]
        table = tables.setdefault(partnership.framework_id, PublishedTable(partnership.framework, framework_recs))
        review = latest.get(partnership.pk)
        table.rows.append(
            PublishedAssurance(
                partnership=partnership,
                review=review,
                levels=[levels.get((review.pk, rec.pk)) if review else None for rec in framework_recs],
            )
        )

    ready = (
        Report.objects.filter(review__partnership__in=viewing, status=Report.Status.READY)
        .select_related("review__partnership")
        .only(
            "kind",
            "finished_at",
            "pages",
            "review__title",
            "review__status",
            "review__partnership__name",
            "review__partnership__slug",
        )
        .order_by("-finished_at", "pk")
    )
    readable = [report for report in ready if allows(viewing[report.review.partnership_id], "can_read_report", report)]
    return ViewerDashboard(tables=list(tables.values()), reports=Capped(readable[:LIST_LIMIT], len(readable)))
