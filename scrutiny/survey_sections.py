"""A survey round's results where the scrutiny shows them (surveys.results defines them and decides what may be
shown): the chart of each area's confidence by group, the summary of the latest round on a recommendation's page,
and the report's survey section of each recommendation. Published rounds only in the report and for those who do
not run surveys; those who do see the latest closed round, published or not."""

from dataclasses import dataclass

from scrutiny import charts
from surveys import results as survey_results


def area_chart(results: survey_results.RoundResults, row: survey_results.AreaResult, *, chart_id: str) -> charts.Chart:
    """The chart of one area's confidence and training by group (the groups that may be shown, then everyone)."""
    return charts.survey_confidence(
        [words for _, words in results.scale],
        [
            (figures.group.label, figures.counts, figures.confident_words, figures.trained_words)
            for figures in row.rows
            if not figures.suppressed
        ],
        confident_from=results.round.template.confident_from,
        chart_id=chart_id,
        title=f"Confidence: {row.area.name}",
    )


@dataclass(frozen=True)
class AreaShown:
    result: survey_results.AreaResult
    chart: charts.Chart


@dataclass(frozen=True)
class SurveySummary:
    results: survey_results.RoundResults
    areas: list[AreaShown]

    @property
    def round(self):
        return self.results.round


def summary(results: survey_results.RoundResults, *, chart_prefix: str) -> SurveySummary:
    return SurveySummary(
        results,
        [AreaShown(row, area_chart(results, row, chart_id=f"{chart_prefix}-{row.area.pk}")) for row in results.areas],
    )


def for_recommendation(membership, recommendation) -> SurveySummary | None:
    found = survey_results.latest_for_recommendation(
        membership.partnership, recommendation, published_only=not membership.can_run_surveys
    )
    return summary(found, chart_prefix=f"survey-{found.round.pk}") if found else None


def for_report(partnership, recommendations, *, chart_prefix: str) -> dict:
    """{recommendation pk: SurveySummary}: published rounds only, six queries whatever the rounds and answers."""
    return {
        pk: summary(results, chart_prefix=f"{chart_prefix}-{pk}-{results.round.pk}")
        for pk, results in survey_results.for_report(partnership, recommendations).items()
    }
