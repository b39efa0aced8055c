"""A survey round's shares feeding the recommendation's indicators, where the template's areas name them.

An area may name the suggested indicator its share of confident practitioners feeds (`confident_indicator`) and the
one its share of trained practitioners feeds (`trained_indicator`). For a closed round with 5 or more answers in
all, each such indicator the partnership records gets a value for a period the person names (2026-27): the share
of everyone who answered, as a percentage to one decimal place, with the counts as numerator and denominator.
The figures are surveys.results' (the overall figures only, which its rule allows whenever anything is shown).

Values are entered by those who may enter the indicator's values (Membership.can_enter_values: leads) through
indicators.values.record_value, whose rules (the period's label, one value per period) are the indicators' own;
all of a round's values are written or none.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from indicators.models import Indicator
from indicators.values import record_value
from partnerships.permissions import require
from surveys import results as survey_results

TOO_FEW = "Fewer than 5 people answered, or the round has not closed: there are no shares to record"
NOTHING_TO_FEED = "No area of this survey feeds an indicator the partnership records"
CONFIDENT, TRAINED = "confident", "trained"


@dataclass(frozen=True)
class Feed:
    area_name: str
    kind: str  # CONFIDENT or TRAINED
    indicator: Indicator
    numerator: int
    denominator: int

    @property
    def value(self) -> Decimal:
        return (Decimal(100 * self.numerator) / Decimal(self.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def words(self) -> str:
        return survey_results.share_words(self.numerator, self.denominator)


def feeds(partnership, results: survey_results.RoundResults) -> list[Feed]:
    """What the round's results would record: one query (the indicators named)."""
    if not results.shown:
        return []
    named = [
        (row, kind, code)
        for row in results.areas
        for kind, code in ((CONFIDENT, row.area.confident_indicator), (TRAINED, row.area.trained_indicator))
        if code and not row.overall.suppressed
    ]
    if not named:
        return []
    indicators = {i.code: i for i in Indicator.objects.of(partnership).filter(code__in={code for _, _, code in named})}
    found = []
    for row, kind, code in named:
        if code in indicators:
            numerator = row.overall.confident if kind == CONFIDENT else row.overall.trained
            found.append(Feed(row.area.name, kind, indicators[code], numerator, row.overall.answered))
    return found


def record_shares(*, membership, survey_round, period: str) -> list:
    """Record each feed's share as a value of its indicator for `period`: all or none (ValidationError keyed by
    "period" with the indicators' own message when a value for the period exists already)."""
    require(membership, "can_run_surveys")
    if survey_round.partnership_id != membership.partnership_id:
        raise PermissionDenied("A survey round of another partnership.")
    results = survey_results.round_results(survey_round)
    if not results.shown:
        raise ValidationError({"period": TOO_FEW})
    found = feeds(membership.partnership, results)
    if not found:
        raise ValidationError({"period": NOTHING_TO_FEED})
    reason = f"From the survey round “{survey_round.title}”"
    with transaction.atomic():
        return [
            record_value(
                membership=membership,
                indicator=feed.indicator,
                period=period,
                value=feed.value,
                numerator=Decimal(feed.numerator),
                denominator=Decimal(feed.denominator),
                note=f"{reason}: {feed.area_name}, {feed.kind} {feed.words}",
                change_reason=reason,
            )
            for feed in found
        ]
