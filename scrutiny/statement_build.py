"""The scrutineer's yearly statement: what it shows, read in a fixed number of queries across the published
reviews of its twelve months (YearlyStatement.reviews). scrutiny.report_build renders it, to PDF and Word,
as it does a review's report."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from common.naming import display_name
from partnerships.models import ActionItem, Evidence
from scrutiny.models import AssuranceLevel, Challenge, ChallengeStep, Judgement, Review, YearlyStatement
from scrutiny.report_text import distribution

LITTLE_PROGRESS = {AssuranceLevel.LIMITED, AssuranceLevel.NONE}
STUCK = {ActionItem.Status.AT_RISK, ActionItem.Status.OFF_TRACK}


@dataclass
class RecommendationYear:
    """One recommendation across the statement's reviews: its level in each, oldest first."""

    recommendation: object
    levels: list = field(default_factory=list)  # the level's label, per review
    before: str = ""  # the level's label in the last published review before the twelve months, if any
    actions: Counter = field(default_factory=Counter)  # status label -> action items serving it

    @property
    def action_counts(self) -> list[tuple[str, int]]:
        """(status label, action items) in the order of the statuses (a Counter in a template would answer
        `.items` with a count of 0)."""
        order = [label for _, label in ActionItem.Status.choices]
        return sorted(self.actions.items(), key=lambda pair: order.index(pair[0]))

    @property
    def latest(self) -> str:
        return self.levels[-1] if self.levels else AssuranceLevel.NOT_ASSESSED.label

    @property
    def moved(self) -> str:
        """How the level moved across the year, in words."""
        judged = [
            level for level in [self.before, *self.levels] if level and level != AssuranceLevel.NOT_ASSESSED.label
        ]
        if len(judged) < 2:
            return "Judged once" if judged else "Not judged"
        return "Unchanged" if judged[0] == judged[-1] else f"{judged[0]} to {judged[-1]}"


def statement_context(report, built_at) -> dict:
    statement = YearlyStatement.objects.select_related("partnership__framework").get(pk=report.statement_id)
    partnership = statement.partnership
    framework = partnership.framework
    start, end = statement.period_start, statement.period_end
    reviews = list(statement.reviews().prefetch_related("scrutineers"))
    recommendations = list(framework.recommendations.order_by("position"))
    rows = {rec.pk: RecommendationYear(rec) for rec in recommendations}
    label = dict(AssuranceLevel.choices)
    baseline = (
        partnership.reviews.filter(status=Review.Status.PUBLISHED, period_end__lt=start)
        .order_by("-period_end", "-pk")
        .first()
    )
    levels = Judgement.objects.levels([*reviews, *([baseline] if baseline else [])])
    not_assessed = AssuranceLevel.NOT_ASSESSED
    for row in rows.values():
        row.levels = [label[levels.get((r.pk, row.recommendation.pk), not_assessed)] for r in reviews]
        if baseline:
            row.before = label[levels.get((baseline.pk, row.recommendation.pk), not_assessed)]

    evidence = list(
        partnership.evidence.current()
        .in_period(start, end)
        .select_related("agency")
        .prefetch_related("recommendations")
        .order_by("date", "pk")
    )
    actions = list(
        ActionItem.objects.filter(partnership=partnership, start_date__lte=end, due_date__gte=start)
        .select_related("owner_agency")
        .prefetch_related("recommendations")
        .order_by("due_date", "pk")
    )
    for item in actions:
        for rec in item.recommendations.all():
            if rec.pk in rows:
                rows[rec.pk].actions[item.get_status_display()] += 1
    challenges = list(
        Challenge.objects.filter(partnership=partnership, raised_at__date__range=(start, end))
        .select_related("agency")
        .prefetch_related("recommendations", Prefetch("steps", queryset=ChallengeStep.objects.order_by("at", "pk")))
        .order_by("raised_at", "pk")
    )
    today = timezone.localdate()
    year = list(rows.values())
    scrutineers = {display_name(user) for review in reviews for user in review.scrutineers.all()}
    sources = Counter(item.get_source_display() for item in evidence)
    return {
        "report": report,
        "is_draft": report.kind == report.Kind.DRAFT,
        "statement": statement,
        "subject": statement,
        "partnership": partnership,
        "framework": framework,
        "marking": settings.REPORT_PROTECTIVE_MARKING,
        "version_label": f"{report.get_kind_display()} statement, version {report.number}",
        "distribution": distribution(partnership, is_draft=report.kind == report.Kind.DRAFT),
        "built_at": timezone.localtime(built_at),
        "scrutineers": sorted(scrutineers),
        "header_text": f"{partnership.name} – {statement.title}",
        "reviews": reviews,
        "baseline": baseline,
        "year": year,
        "evidence_count": len(evidence),
        "evidence_by_source": sorted(sources.items()),
        "audits": [item for item in evidence if item.source == Evidence.Source.AUDIT],
        "impact_evidence": [item for item in evidence if item.strength == Evidence.Strength.IMPACT],
        "impact_actions": [item for item in actions if item.impact_evidenced],
        "voices": [item for item in evidence if item.source == Evidence.Source.VOICES],
        "little_progress": [row for row in year if row.latest in {label[level] for level in LITTLE_PROGRESS}],
        "stuck_actions": [item for item in actions if item.status in STUCK or item.is_overdue(today)],
        "actions": actions,
        "completed_actions": [item for item in actions if item.status == ActionItem.Status.COMPLETE],
        "challenges": challenges,
    }
