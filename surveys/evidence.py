"""A survey round's results become one piece of evidence, in one step.

Once the round has closed, those who run surveys (Membership.can_run_surveys) make its results an evidence item:
survey results from practitioners, "documented", dated the day the round closed, partnership-wide, linked to the
recommendations of the template's areas, its summary the suppressed figures of surveys.results (never free text,
so no answer of a small group and nothing a person wrote reaches the register). Once only: the round keeps the
item (SurveyRound.evidence) and a second attempt is refused. The writing is partnerships.evidence.
write_new_evidence, whose rules are the register's own; the round's change is one history entry, attributed.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from common.versioning import bump, lock
from partnerships.evidence import write_new_evidence
from partnerships.models import SUMMARY_LIMIT, Evidence
from partnerships.permissions import require
from recommendations.models import Recommendation
from surveys import results as survey_results
from surveys.models import SurveyRound

ALREADY_MADE = "This round's results have been made evidence already"
NOT_CLOSED = "The round is still taking answers: its results become evidence once it has closed"
TOO_FEW = "Fewer than 5 people answered: there are no results to make evidence of"
EVIDENCE_TITLE_LIMIT = Evidence._meta.get_field("title").max_length
MADE_REASON = "Results made evidence"


def check_round(membership, survey_round: SurveyRound) -> None:
    require(membership, "can_run_surveys")
    if survey_round.partnership_id != membership.partnership_id:
        raise PermissionDenied("A survey round of another partnership.")


def closing_day(survey_round: SurveyRound) -> date:
    """The day the round closed: early, or on its closing date; today at the latest."""
    day = survey_round.closes_on
    if survey_round.closed_at is not None:
        day = min(day, timezone.localdate(survey_round.closed_at))
    return min(day, timezone.localdate())


def evidence_title(survey_round: SurveyRound) -> str:
    title = f"Practitioners' survey: {survey_round.title}"
    return title if len(title) <= EVIDENCE_TITLE_LIMIT else title[: EVIDENCE_TITLE_LIMIT - 1].rstrip() + "…"


def evidence_summary(results: survey_results.RoundResults) -> str:
    """The figures that may be shown, in words: who answered, then each area's confident and trained shares for
    everyone and for each group shown; never free text."""
    agencies = results.agencies
    parts = [
        f"An anonymous survey of practitioners, closed {closing_day(results.round):%-d %B %Y}: "
        f"{results.total} people answered."
    ]
    if agencies.groups:
        parts.append("By agency type: " + "; ".join(f"{g.label} {g.answers}" for g in agencies.groups) + ".")
    if agencies.too_few:
        parts.append(
            f"Fewer than 5 answered from {', '.join(agencies.too_few)}: not shown on their own, to protect anonymity."
        )
    parts.append(f"Confident means {results.confident_words.lower()}; trained means in the last two years.")
    for row in results.areas:
        lines = [f"{row.area.name}: confident {row.overall.confident_words}, trained {row.overall.trained_words}"]
        lines += [
            f"{f.group.label}: confident {f.confident_words}, trained {f.trained_words}"
            for f in row.groups
            if not f.suppressed
        ]
        parts.append("; ".join(lines) + ".")
    text = "\n\n".join(parts)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def evidence_recommendations(survey_round: SurveyRound) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(survey_areas__template_id=survey_round.template_id).distinct().order_by("pk")
    )


def problems(survey_round: SurveyRound, results: survey_results.RoundResults) -> list[str]:
    """What stops the round's results becoming evidence, in words; nothing when they may."""
    if survey_round.evidence_id is not None:
        return [ALREADY_MADE]
    if not results.closed:
        return [NOT_CLOSED]
    if not results.shown:
        return [TOO_FEW]
    return []


def make_evidence(*, membership, survey_round: SurveyRound) -> Evidence:
    """Make the closed round's results one evidence item (see the module's docstring) and keep it on the round;
    refused (ValidationError saying why) once made, while open, or with fewer than 5 answers."""
    check_round(membership, survey_round)
    by = membership.user
    with transaction.atomic():
        lock(survey_round)
        results = survey_results.round_results(survey_round)
        if found := problems(survey_round, results):
            raise ValidationError(found)
        evidence = write_new_evidence(
            partnership=membership.partnership,
            by=by,
            title=evidence_title(survey_round),
            summary=evidence_summary(results),
            type=Evidence.Type.SURVEY,
            source=Evidence.Source.PRACTITIONERS,
            strength=Evidence.Strength.DOCUMENTED,
            date=closing_day(survey_round),
            recommendations=evidence_recommendations(survey_round),
            agency=None,
            confirmed_no_identifying_details=True,  # figures only: no free text reaches the summary
            change_reason=f"From the survey round “{survey_round.title}”",
        )
        survey_round.evidence = evidence
        bump(survey_round)
        survey_round._history_user = by
        survey_round._change_reason = MADE_REASON
        survey_round.save(update_fields=["evidence", "version"])
    return evidence
