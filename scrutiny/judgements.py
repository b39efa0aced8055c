"""Saving judgements and question responses without overwriting a colleague's work, and triangulation.

Saving takes the acting `membership` and checks it by the permission the view declares, `can_judge`
(partnerships/permissions.py), that the review is of its partnership and the recommendation or
question of its framework, and that every indicator cited is one the partnership records
(Indicator.objects.of): PermissionDenied otherwise, and nothing is saved.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from common.history import one_history_record
from common.versioning import StaleEdit, bump, check_version
from indicators.models import Area, Indicator, Value
from indicators.trends import IndicatorTrend, trends_for
from partnerships.models import Evidence
from partnerships.permissions import require
from scrutiny.models import AssuranceLevel, Judgement, QuestionResponse

CONFIDENT_LEVELS = {AssuranceLevel.SUBSTANTIAL, AssuranceLevel.REASONABLE}
MIN_SOURCE_KINDS = 3


def _require_judge(membership, review, about) -> None:
    """PermissionDenied unless the membership may judge, in the review's partnership, on `about` (a
    recommendation or question) of its framework."""
    partnership = membership.partnership
    if review.partnership_id != partnership.pk or about.framework_id != partnership.framework_id:
        raise PermissionDenied("A review of another partnership.")
    require(membership, "can_judge")


def _require_own_indicators(partnership, indicators) -> list:
    """The indicators as a list; PermissionDenied if any is not one the partnership records."""
    indicators = list(indicators)
    pks = {indicator.pk for indicator in indicators}
    if len(pks) != Indicator.objects.of(partnership).filter(pk__in=pks).count():
        raise PermissionDenied("An indicator of another partnership.")
    return indicators


@dataclass
class IndicatorOffer:
    """The indicators a judgement or response may cite: the partnership's, those of `recommendations` first,
    with each one's latest value in words ("12.5% in 2024-25") for the checkboxes."""

    queryset: object
    latest: dict = field(default_factory=dict)

    def label(self, indicator) -> str:
        return f"{indicator.code}: {indicator.name} ({self.latest.get(indicator.pk, 'no value yet')})"


def indicators_offered(partnership, recommendations) -> IndicatorOffer:
    """Two queries when the form is shown: the indicators, and their latest values."""
    linked = Indicator.recommendations.through.objects.filter(
        indicator=OuterRef("pk"), recommendation__in=recommendations
    )
    queryset = (
        Indicator.objects.of(partnership).annotate(linked=Exists(linked)).order_by("-linked", "position", "code", "pk")
    )
    latest = {}
    values = Value.objects.filter(partnership=partnership, area=Area.LOCAL).select_related("indicator")
    # The latest is the one whose period ends last (then starts last), as indicators.trends reads it.
    for value in values.order_by("period_end", "period_start"):
        latest[value.indicator_id] = f"latest {value.shown} in {value.period}"
    return IndicatorOffer(queryset, latest)


def cited_trends(membership, indicators) -> list[IndicatorTrend]:
    """The indicators cited, each with its trend if the member may see the partnership's figures, bare if not."""
    indicators = list(indicators)
    if not membership.can_see_indicators:
        return [IndicatorTrend(indicator=indicator) for indicator in indicators]
    return trends_for(membership.partnership, indicators)


@transaction.atomic
def _save_versioned(
    model, *, lookup: dict, seen_version: int, by, values: dict, evidence, indicators=(), change_reason=""
):
    """Create the record, or change it if it is still at `seen_version`; StaleEdit otherwise (common/versioning.py)."""
    record = model.objects.select_for_update().filter(**lookup).first()
    created = record is None
    if created:
        record = model(**lookup)
    else:
        check_version(record, seen_version)
    for name, value in values.items():
        setattr(record, name, value)
    bump(record)
    record.updated_by = by
    if change_reason:
        record._change_reason = change_reason  # e.g. the identifier check's confirmation
    try:
        with transaction.atomic(), one_history_record(record, by=by, created=created):
            record.save()
            record.evidence.set(evidence)
            record.indicators.set(indicators)
    except IntegrityError:  # a colleague created it between our read and our write
        raise StaleEdit(model.objects.get(**lookup), seen_version) from None
    return record


def save_judgement(
    *,
    review,
    recommendation,
    membership,
    seen_version: int,
    level,
    rationale,
    strengths,
    areas_for_improvement,
    evidence,
    indicators=(),
    change_reason="",
) -> Judgement:
    _require_judge(membership, review, recommendation)
    indicators = _require_own_indicators(membership.partnership, indicators)
    return _save_versioned(
        Judgement,
        lookup={"review": review, "recommendation": recommendation},
        seen_version=seen_version,
        by=membership.user,
        values={
            "level": level,
            "rationale": rationale,
            "strengths": strengths,
            "areas_for_improvement": areas_for_improvement,
        },
        evidence=evidence,
        indicators=indicators,
        change_reason=change_reason,
    )


def save_question_response(
    *,
    review,
    question,
    membership,
    seen_version: int,
    partnership_response,
    scrutineer_note,
    evidence,
    indicators=(),
    change_reason="",
) -> QuestionResponse:
    _require_judge(membership, review, question)
    indicators = _require_own_indicators(membership.partnership, indicators)
    return _save_versioned(
        QuestionResponse,
        lookup={"review": review, "question": question},
        seen_version=seen_version,
        by=membership.user,
        values={"partnership_response": partnership_response, "scrutineer_note": scrutineer_note},
        evidence=evidence,
        indicators=indicators,
        change_reason=change_reason,
    )


@dataclass
class SourceRow:
    source: str
    label: str
    items: list = field(default_factory=list)
    indicators: list = field(default_factory=list)  # cited figures, under "Data"

    @property
    def strengths(self) -> list[str]:
        return [item.get_strength_display() or "Not graded" for item in self.items]

    @property
    def cited(self) -> list[str]:
        """The strength of each evidence item, then each indicator cited, as the panel lists them."""
        return self.strengths + [f"indicator {indicator.code}" for indicator in self.indicators]


@dataclass
class Triangulation:
    rows: list[SourceRow]
    warnings: list[str]

    @property
    def kinds(self) -> int:
        return sum(1 for row in self.rows if row.items or row.indicators)


def triangulate(level: str, evidence_items, indicators=()) -> Triangulation:
    """Which kinds of source support a judgement, and a warning (never a block) when too few do.

    Working Together 2023 expects scrutiny to rest on several sources; a confident level
    (substantial or reasonable) on fewer than three kinds, or on none from children and
    families, deserves a second look. A cited indicator counts as data.
    """
    rows = {value: SourceRow(value, label) for value, label in Evidence.Source.choices}
    for item in evidence_items:
        if not item.is_withdrawn:
            rows[item.source].items.append(item)
    rows[Evidence.Source.DATA].indicators = list(indicators)
    result = Triangulation(rows=list(rows.values()), warnings=[])
    if level in CONFIDENT_LEVELS:
        label = AssuranceLevel(level).label.lower()
        if result.kinds < MIN_SOURCE_KINDS:
            result.warnings.append(
                f"{AssuranceLevel(level).label} rests on {result.kinds} kind{'s' if result.kinds != 1 else ''} "
                f"of source. Scrutiny should rest on at least {MIN_SOURCE_KINDS}: consider whether {label} is "
                "supported."
            )
        if not rows[Evidence.Source.VOICES].items:
            result.warnings.append(
                f"{AssuranceLevel(level).label} rests on no evidence from children and families. "
                "Ask how their voices informed this."
            )
    return result
