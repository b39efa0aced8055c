"""Saving judgements and question responses without overwriting a colleague's work, and triangulation.

Saving takes the acting `membership` and checks it by the permission the view declares, `can_judge`
(partnerships/permissions.py), and that the review is of its partnership and the recommendation or
question of its framework: PermissionDenied otherwise, and nothing is saved.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from common.history import one_history_record
from common.versioning import StaleEdit, bump, check_version
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


@transaction.atomic
def _save_versioned(model, *, lookup: dict, seen_version: int, by, values: dict, evidence, change_reason=""):
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
    change_reason="",
) -> Judgement:
    _require_judge(membership, review, recommendation)
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
    change_reason="",
) -> QuestionResponse:
    _require_judge(membership, review, question)
    return _save_versioned(
        QuestionResponse,
        lookup={"review": review, "question": question},
        seen_version=seen_version,
        by=membership.user,
        values={"partnership_response": partnership_response, "scrutineer_note": scrutineer_note},
        evidence=evidence,
        change_reason=change_reason,
    )


@dataclass
class SourceRow:
    source: str
    label: str
    items: list = field(default_factory=list)

    @property
    def strengths(self) -> list[str]:
        return [item.get_strength_display() or "Not graded" for item in self.items]


@dataclass
class Triangulation:
    rows: list[SourceRow]
    warnings: list[str]

    @property
    def kinds(self) -> int:
        return sum(1 for row in self.rows if row.items)


def triangulate(level: str, evidence_items) -> Triangulation:
    """Which kinds of source support a judgement, and a warning (never a block) when too few do.

    Working Together 2023 expects scrutiny to rest on several sources; a confident level
    (substantial or reasonable) on fewer than three kinds, or on none from children and
    families, deserves a second look.
    """
    rows = {value: SourceRow(value, label) for value, label in Evidence.Source.choices}
    for item in evidence_items:
        if not item.is_withdrawn:
            rows[item.source].items.append(item)
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
