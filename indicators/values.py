"""Writing a partnership's indicators, their values and targets by hand: the code the browser's forms call.

Each function is keyword-only, takes the acting `membership` and checks it by the permission's name, the one
the view declares (partnerships/permissions.py): PermissionDenied when the role lacks it, when the indicator is
not one the membership's partnership records, when an indicator to change is the framework's suggestion (those
are the framework file's, fixed), or when a value is another partnership's or a comparator. It checks the input
(ValidationError, each message keyed by the form field it is about) and writes in one transaction, leaving one
history record per change attributed to the membership's user.

Only the partnership's own area's values are entered by hand; England's and the region's come from the import
(indicators/imports.py). A period holds one value of the partnership's area: entering a second is refused with
PeriodTaken, which names the value already there. Changes are refused when stale (common/versioning.py).
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from common.history import one_history_record
from common.versioning import bump, check_version, lock
from indicators import periods
from indicators.models import Area, Indicator, Suppressed, Target, Value
from partnerships.permissions import require
from recommendations.models import AgencyType, Better, IndicatorUnit

CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
CODE_SHAPE = "The code can use only letters, numbers, full stops, hyphens and underscores, like NM-R3-REFERRALS"
RECOMMENDATION_REQUIRED = "Select at least one recommendation the indicator measures"
VALUE_OR_CODE = "Enter the value, or choose a suppression code if the figure was not published"
NOT_BOTH = "Enter the value or choose a suppression code, not both"
NUMERATOR_OVER_DENOMINATOR = "The numerator cannot be larger than the denominator"


class PeriodTaken(ValidationError):
    """The partnership's area holds a value for this period already; `existing` is it, to change instead."""

    def __init__(self, existing: Value):
        self.existing = existing
        super().__init__(
            {"period": f"A value for {existing.period} is recorded already: change that one instead of adding another"}
        )


@dataclass(frozen=True)
class IndicatorValues:
    """What the indicator's page lists: the partnership's own figures, then England's and its region's."""

    local: list[Value]
    comparators: list[Value]


def values_of(partnership, indicator: Indicator) -> IndicatorValues:
    """The partnership's values of `indicator`, newest period first: its own area's, then the comparators."""
    values = (
        Value.objects.filter(partnership=partnership, indicator=indicator)
        .select_related("entered_by")
        .order_by("-period_start", "-period_end", "area", "area_name")
    )
    local, comparators = [], []
    for value in values:
        value.indicator = indicator  # each shows itself in the indicator's unit: no query per value
        (local if value.area == Area.LOCAL else comparators).append(value)
    return IndicatorValues(local=local, comparators=comparators)


def _check_recorded_by(membership, indicator: Indicator) -> None:
    """PermissionDenied unless the membership's partnership records `indicator`."""
    partnership = membership.partnership
    if indicator.partnership_id not in (None, partnership.pk) or (
        indicator.partnership_id is None and indicator.framework_id != partnership.framework_id
    ):
        raise PermissionDenied("Not an indicator this partnership records.")


def _check_own(membership, indicator: Indicator) -> None:
    if indicator.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the partnership's own indicators can be changed; suggested ones are fixed.")


# ---------------------------------------------------------------- the partnership's own indicators


def _code_problem(membership, code: str, indicator=None) -> str | None:
    if not code:
        return "Enter a short code for the indicator, like NM-R3-REFERRALS"
    if not CODE_PATTERN.fullmatch(code):
        return CODE_SHAPE
    taken = Indicator.objects.of(membership.partnership).filter(code__iexact=code)
    if indicator is not None:
        taken = taken.exclude(pk=indicator.pk)
    if taken.exists():
        return code_taken(code)
    return None


def code_taken(code: str) -> str:
    return f"The partnership records an indicator with the code {code} already: choose another"


def _choice_problems(membership, *, unit, better, recommendations, unknown_agency_types) -> dict:
    problems = {}
    if unit not in IndicatorUnit.values:
        problems["unit"] = "Select the indicator's unit"
    if better not in Better.values:
        problems["better"] = "Select which way is better"
    if not recommendations:
        problems["recommendations"] = RECOMMENDATION_REQUIRED
    elif any(r.framework_id != membership.partnership.framework_id for r in recommendations):
        problems["recommendations"] = "Select only this partnership's framework's recommendations"
    if unknown_agency_types:
        problems["agency_types"] = "Select only the kinds of agency listed"
    return problems


REQUIRED_TEXT = {
    "name": "Enter the indicator's name",
    "definition": "Enter the definition: what is counted, of whom, and over what period",
    "source": "Enter where the figures come from",
}


def _checked_definition(
    membership, *, code, name, definition, unit, better, source, recommendations, agency_types=(), indicator=None
) -> dict:
    """The indicator's fields, tidied, and its recommendations; or ValidationError naming every wrong field."""
    given = {"code": code, "name": name, "definition": definition, "source": source}
    text = {field: (given[field] or "").strip() for field in given}
    recommendations = sorted(set(recommendations or ()), key=lambda r: r.pk)
    chosen = set(agency_types or ())
    agency_types = [kind for kind in AgencyType.values if kind in chosen]  # in the vocabulary's order
    problems = {field: message for field, message in REQUIRED_TEXT.items() if not text[field]}
    if problem := _code_problem(membership, text["code"], indicator):
        problems["code"] = problem
    problems |= _choice_problems(
        membership,
        unit=unit,
        better=better,
        recommendations=recommendations,
        unknown_agency_types=chosen - set(agency_types),
    )
    if problems:
        raise ValidationError(problems)
    fields = text | {"unit": unit, "better": better, "agency_types": agency_types}
    return {"fields": fields, "recommendations": recommendations}


def create_indicator(*, membership, change_reason: str = "", **definition) -> Indicator:
    """A new indicator of the membership's partnership's own. Scrutineers and partnership managers.
    `definition`: code, name, definition, unit, better, source, recommendations, agency_types."""
    require(membership, "can_manage_indicators")
    checked = _checked_definition(membership, **definition)
    partnership = membership.partnership
    indicator = Indicator(
        framework_id=partnership.framework_id, partnership=partnership, created_by=membership.user, **checked["fields"]
    )
    indicator._change_reason = change_reason
    try:
        with transaction.atomic(), one_history_record(indicator, by=membership.user, created=True):
            indicator.save()
            indicator.recommendations.set(checked["recommendations"])
    except IntegrityError:  # the same code saved by a colleague a moment before
        raise ValidationError({"code": code_taken(indicator.code)}) from None
    return indicator


def update_indicator(
    *, membership, indicator: Indicator, seen_version: int, change_reason: str = "", **definition
) -> bool:
    """Change one of the partnership's own indicators, unless it changed since the form was opened
    (StaleEdit). False, with nothing written, when nothing differs."""
    require(membership, "can_manage_indicators")
    _check_own(membership, indicator)
    try:
        with transaction.atomic():
            lock(indicator)
            check_version(indicator, seen_version)
            checked = _checked_definition(membership, indicator=indicator, **definition)
            linked = sorted(indicator.recommendations.all(), key=lambda r: r.pk)
            if linked == checked["recommendations"] and not _differs(indicator, checked["fields"]):
                return False
            indicator._change_reason = change_reason or "Changed"
            with one_history_record(indicator, by=membership.user, created=False):
                _assign(indicator, checked["fields"])
                bump(indicator)
                indicator.save()
                indicator.recommendations.set(checked["recommendations"])
    except IntegrityError:
        raise ValidationError({"code": code_taken(definition.get("code", ""))}) from None
    return True


def _differs(record, fields: dict) -> bool:
    return any(getattr(record, name) != value for name, value in fields.items())


def _assign(record, fields: dict) -> None:
    for name, value in fields.items():
        setattr(record, name, value)


# ---------------------------------------------------------------- values


def _parsed_period(text: str, field: str = "period") -> periods.Period:
    try:
        return periods.parse(text)
    except periods.PeriodError as error:
        raise ValidationError({field: str(error)}) from None


def _checked_value(indicator, *, period, value, suppressed, numerator, denominator) -> tuple[periods.Period, dict]:
    """The period and the figures, or ValidationError naming each field that is wrong."""
    problems = {}
    try:
        parsed = _parsed_period(period)
    except ValidationError as error:
        problems |= error.message_dict
        parsed = None
    suppressed = suppressed or ""
    if suppressed and suppressed not in Suppressed.values:
        problems["suppressed"] = "Select one of the suppression codes listed"
    elif value is None and not suppressed:
        problems["value"] = VALUE_OR_CODE
    elif value is not None and suppressed:
        problems["value"] = NOT_BOTH
    elif value is not None and (problem := indicator.check_value(value)):
        problems["value"] = problem
    for field, number, what in (
        ("numerator", numerator, "The numerator"),
        ("denominator", denominator, "The denominator"),
    ):
        if number is not None and number < 0:
            problems[field] = f"{what} cannot be negative"
    if "numerator" not in problems and numerator is not None and denominator is not None and numerator > denominator:
        problems["numerator"] = NUMERATOR_OVER_DENOMINATOR
    if problems:
        raise ValidationError(problems)
    return parsed, {"value": value, "suppressed": suppressed, "numerator": numerator, "denominator": denominator}


def _recorded_for(membership, indicator, period: periods.Period, *, excluding=None) -> Value | None:
    values = Value.objects.local().filter(partnership=membership.partnership, indicator=indicator, period=period.label)
    if excluding is not None:
        values = values.exclude(pk=excluding.pk)
    return values.first()


def _period_fields(period: periods.Period) -> dict:
    return {
        "period": period.label,
        "period_start": period.start,
        "period_end": period.end,
        "period_kind": period.kind,
    }


def record_value(
    *,
    membership,
    indicator: Indicator,
    period: str,
    value: Decimal | None,
    suppressed: str = "",
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    note: str = "",
    change_reason: str = "",
) -> Value:
    """A value of the partnership's own area for one period, `period` as its source names it (2024-25)."""
    _check_recorded_by(membership, indicator)
    require(membership, "can_enter_values", indicator)
    parsed, figures = _checked_value(
        indicator, period=period, value=value, suppressed=suppressed, numerator=numerator, denominator=denominator
    )
    if existing := _recorded_for(membership, indicator, parsed):
        raise PeriodTaken(existing)
    record = Value(
        partnership=membership.partnership,
        indicator=indicator,
        area=Area.LOCAL,
        note=(note or "").strip(),
        entered_by=membership.user,
        **_period_fields(parsed),
        **figures,
    )
    record._history_user = membership.user
    record._change_reason = change_reason or "Entered by hand"
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # a colleague entered the same period a moment before
        raise PeriodTaken(_recorded_for(membership, indicator, parsed)) from None
    return record


def change_value(
    *,
    membership,
    record: Value,
    seen_version: int,
    period: str,
    value: Decimal | None,
    suppressed: str = "",
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    note: str = "",
    change_reason: str = "",
) -> bool:
    """Change a value of the partnership's own area, unless it changed since the form was opened (StaleEdit).
    False, with nothing written, when nothing differs. Whoever changes it is then the one who entered it."""
    if record.partnership_id != membership.partnership_id or record.area != Area.LOCAL:
        raise PermissionDenied("Only the partnership's own area's values are changed by hand.")
    indicator = record.indicator
    require(membership, "can_enter_values", indicator)
    parsed, figures = _checked_value(
        indicator, period=period, value=value, suppressed=suppressed, numerator=numerator, denominator=denominator
    )
    fields = {**_period_fields(parsed), **figures, "note": (note or "").strip()}
    try:
        with transaction.atomic():
            lock(record)
            check_version(record, seen_version)
            if existing := _recorded_for(membership, indicator, parsed, excluding=record):
                raise PeriodTaken(existing)
            if not _differs(record, fields):
                return False
            _assign(record, fields | {"entered_by": membership.user})
            bump(record)
            record._history_user = membership.user
            record._change_reason = change_reason or "Changed by hand"
            record.save()
    except IntegrityError:  # a colleague entered the same period a moment before
        raise PeriodTaken(_recorded_for(membership, indicator, parsed, excluding=record)) from None
    return True


# ---------------------------------------------------------------- targets


def _checked_target(indicator, value, by_period) -> dict:
    problems = {}
    if value is None:
        problems["value"] = "Enter the target value"
    elif problem := indicator.check_value(value, "The target"):
        problems["value"] = problem
    by_label = ""
    if (by_period or "").strip():
        try:
            by_label = _parsed_period(by_period, "by_period").label
        except ValidationError as error:
            problems |= error.message_dict
    if problems:
        raise ValidationError(problems)
    return {"value": value, "by_period": by_label}


def _target_of(membership, indicator) -> Target | None:
    """The partnership's target for `indicator`, locked to the end of the transaction; None if it has none."""
    return Target.objects.select_for_update().filter(partnership=membership.partnership, indicator=indicator).first()


def set_target(
    *, membership, indicator: Indicator, value: Decimal, by_period: str = "", seen_version: int | None = None
) -> bool:
    """Set or change the partnership's target for `indicator`: the value it aims for and, optionally, the period
    to reach it by (a label periods.parse reads, such as 2026-27). `seen_version` is the target's version when
    the form was opened, None if there was none then: StaleEdit if it has moved on, or was set meanwhile. False,
    with nothing written, when nothing differs."""
    _check_recorded_by(membership, indicator)
    require(membership, "can_set_targets")
    fields = _checked_target(indicator, value, by_period)
    with transaction.atomic():
        target = _target_of(membership, indicator)
        if target is None:  # none, or removed after the form was opened: setting it is deliberate either way
            target = Target(partnership=membership.partnership, indicator=indicator, set_by=membership.user, **fields)
            target._history_user = membership.user
            target._change_reason = "Set the target"
            target.save()
            return True
        # Set by someone else after the form was opened without one: every save of it is news (-1).
        check_version(target, -1 if seen_version is None else seen_version)
        if not _differs(target, fields):
            return False
        _assign(target, fields | {"set_by": membership.user})
        bump(target)
        target._history_user = membership.user
        target._change_reason = "Changed the target"
        target.save()
    return True


def clear_target(*, membership, indicator: Indicator, seen_version: int) -> bool:
    """Remove the partnership's target for `indicator` (its history keeps it); False if it had none.
    StaleEdit if it changed since the form was opened."""
    _check_recorded_by(membership, indicator)
    require(membership, "can_set_targets")
    with transaction.atomic():
        target = _target_of(membership, indicator)
        if target is None:
            return False
        check_version(target, seen_version)
        target._history_user = membership.user
        target._change_reason = "Removed the target"
        target.delete()
    return True
