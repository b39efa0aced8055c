"""The home pages: a scrutineer's view across their partnerships, and a lead's view of their plan.

Each is a fixed number of queries however many partnerships, items or challenges there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Window
from django.utils import timezone

from partnerships.models import ActionItem, Evidence
from recommendations.models import Recommendation, ReflectiveQuestion
from scrutiny.models import Challenge, Judgement, Review

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
    return Capped(rows, rows[0].list_total if rows else 0)


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
class ScrutineerDashboard:
    tables: list[FrameworkTable]
    overdue_actions: Capped
    awaiting_verification: Capped
    open_challenges: Capped
    overdue_challenges: int

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
    levels = {
        (review, rec): level
        for review, rec, level in Judgement.objects.filter(review__in=review_ids).values_list(
            "review", "recommendation", "level"
        )
    }
    framework_ids = {p.framework_id for p in partnerships}
    recommendations = defaultdict(list)
    for rec in Recommendation.objects.filter(framework__in=framework_ids).select_related("framework"):
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
    scrutineer_questions = ReflectiveQuestion.objects.filter(
        framework__in=framework_ids, audience=ReflectiveQuestion.Audience.SCRUTINEER
    ).order_by("position")
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
    challenges = Challenge.objects.filter(partnership__in=ids)
    return ScrutineerDashboard(
        tables=list(tables.values()),
        overdue_actions=_capped(
            ActionItem.objects.filter(partnership__in=ids).overdue(today).select_related("partnership", "owner_agency")
        ),
        awaiting_verification=_capped(
            ActionItem.objects.filter(partnership__in=ids, status=ActionItem.Status.COMPLETE, verified_by__isnull=True)
            .select_related("partnership", "owner_agency")
            .order_by("-updated_at", "pk")
        ),
        open_challenges=_capped(challenges.open().select_related("partnership", "agency").order_by("response_due")),
        overdue_challenges=challenges.overdue(today).count(),
    )


@dataclass
class LeadDashboard:
    plans: list  # (partnership, [(status label, count)], total)
    due: Capped  # overdue or due within DUE_SOON_DAYS, soonest first
    awaiting_answer: Capped


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
    due = (items.overdue(today) | items.due_within(DUE_SOON_DAYS, today)).select_related("partnership", "owner_agency")
    awaiting = Challenge.objects.filter(partnership__in=ids, status__in=Challenge.AWAITING_RESPONSE)
    return LeadDashboard(
        plans=plans,
        due=_capped(due.order_by("due_date", "pk")),
        awaiting_answer=_capped(awaiting.select_related("partnership", "agency").order_by("response_due", "pk")),
    )
