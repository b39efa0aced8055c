"""A scrutineer withholding a free-text answer from a round's results, with a reason, and restoring it.

Only scrutineers (`can_withhold_survey_answers`) do either, on an answer of their own partnership's round; the
reason is required, kept on the answer and in its history (attributed); a change to an answer opened at an
older version is refused (StaleEdit). The text itself is never changed: withholding only keeps it out of the
results (surveys/results.py).

An answer from a group (its agency type in the round) smaller than MINIMUM_GROUP is never shown in the results,
so there is nothing to withhold: the page does not show its text, and withholding it is refused.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.limits import too_long
from common.versioning import bump, check_version, lock
from partnerships.permissions import require
from surveys.models import MINIMUM_GROUP, REASON_LIMIT, SurveyResponse, TextAnswer

REASON_REQUIRED = "Enter why the answer is withheld from the results"
RESTORE_REASON_REQUIRED = "Enter why the answer is shown in the results again"
REASON_TOO_LONG = too_long("Reason", REASON_LIMIT)
ALREADY_WITHHELD = "This answer is withheld already"
NOT_WITHHELD = "This answer is not withheld"
SMALL_GROUP = (
    f"This answer comes from a group of fewer than {MINIMUM_GROUP} answers: it is not shown in the results, so there "
    "is nothing to withhold"
)
WITHHELD_REASON = "Withheld from the results: {reason}"
RESTORED_REASON = "Shown in the results again: {reason}"


def is_in_a_small_group(answer: TextAnswer) -> bool:
    """Whether the answer's agency type gave fewer than MINIMUM_GROUP answers to its round: never shown."""
    response = answer.response
    group = SurveyResponse.objects.filter(round=response.round_id, agency_type=response.agency_type)
    return group.count() < MINIMUM_GROUP


def _checked(membership, answer: TextAnswer, reason: str, required: str) -> str:
    require(membership, "can_withhold_survey_answers")
    if answer.response.round.partnership_id != membership.partnership_id:
        raise ValidationError("Not an answer of this partnership's rounds.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": required})
    if len(reason) > REASON_LIMIT:
        raise ValidationError({"reason": REASON_TOO_LONG})
    return reason


def _said(what: str, change_reason: str) -> str:
    """The history's reason, with the identifier check's confirmation if one was given."""
    return f"{what} ({change_reason})" if change_reason else what


def _save(answer: TextAnswer, membership, change_reason: str, **fields) -> TextAnswer:
    for name, value in fields.items():
        setattr(answer, name, value)
    bump(answer)
    answer._history_user = membership.user
    answer._change_reason = change_reason
    answer.save(update_fields=[*fields, "version"])
    return answer


def withhold_answer(
    *, membership, answer: TextAnswer, seen_version: int, reason: str, change_reason: str = ""
) -> TextAnswer:
    """Keep the answer out of the results, saying why; refused if withheld already or from a small group."""
    reason = _checked(membership, answer, reason, REASON_REQUIRED)
    with transaction.atomic():
        lock(answer)
        check_version(answer, seen_version)
        if answer.is_withheld:
            raise ValidationError(ALREADY_WITHHELD)
        if is_in_a_small_group(answer):
            raise ValidationError(SMALL_GROUP)
        return _save(
            answer,
            membership,
            _said(WITHHELD_REASON.format(reason=reason), change_reason),
            withheld_at=timezone.now(),
            withheld_by=membership.user,
            withheld_reason=reason,
        )


def restore_answer(
    *, membership, answer: TextAnswer, seen_version: int, reason: str, change_reason: str = ""
) -> TextAnswer:
    """Show a withheld answer in the results again, saying why (the reason is kept in its history)."""
    reason = _checked(membership, answer, reason, RESTORE_REASON_REQUIRED)
    with transaction.atomic():
        lock(answer)
        check_version(answer, seen_version)
        if not answer.is_withheld:
            raise ValidationError(NOT_WITHHELD)
        return _save(
            answer,
            membership,
            _said(RESTORED_REASON.format(reason=reason), change_reason),
            withheld_at=None,
            withheld_by=None,
            withheld_reason="",
        )
