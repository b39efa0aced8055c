"""Case audits' results where the scrutiny shows them (case_audits.results defines them): the chart of a round's
agreed grades, the summary of the latest round on a recommendation's page, and the report's audit section of
each recommendation with the board summary's weakest domains. Published rounds only in the report."""

from dataclasses import dataclass

from case_audits import results as audit_results
from scrutiny import charts


def grades_chart(results: audit_results.RoundResults, *, chart_id: str, title: str = "") -> charts.Chart:
    """The chart of the agreed grades by domain of `results` (its domains only), with its table and words."""
    return charts.audit_grades(
        [(grade.label, grade.meets_standard) for grade in results.grades],
        [(row.domain.name, row.counts, row.not_moderated) for row in results.domains],
        standard=results.standard,
        chart_id=chart_id,
        title=title or f"Agreed grades by domain, cases from {results.period}",
    )


@dataclass(frozen=True)
class AuditSummary:
    """The latest round's grades for the domains linked to one recommendation."""

    results: audit_results.RoundResults
    chart: charts.Chart

    @property
    def round(self):
        return self.results.round


def _summary(results, chart_id: str) -> AuditSummary:
    return AuditSummary(results, grades_chart(results, chart_id=chart_id))


def for_recommendation(membership, recommendation) -> AuditSummary | None:
    """The recommendation page's summary: the latest round for the recommendation that the reader may see the
    results of (those who run audits: any, published or not; everyone else: published only)."""
    found = audit_results.latest_for_recommendation(
        membership.partnership, recommendation, published_only=not membership.can_run_audits
    )
    return _summary(found, f"audit-{found.round.pk}") if found else None


@dataclass(frozen=True)
class AuditSections:
    by_recommendation: dict  # {recommendation pk: AuditSummary}
    latest: audit_results.RoundResults | None  # the latest published round, for the board summary

    @property
    def weakest_words(self) -> str:
        return self.latest.weakest_words() if self.latest else ""


def for_report(partnership, recommendations, *, chart_prefix: str) -> AuditSections:
    """Published rounds only: the same six queries whatever the rounds, cases and recommendations."""
    found = audit_results.for_report(partnership, recommendations)
    return AuditSections(
        {
            pk: _summary(results, f"{chart_prefix}-{pk}-{results.round.pk}")
            for pk, results in found.by_recommendation.items()
        },
        found.latest,
    )
