"""Local data behind the judgements: indicators, their values by period and area, and targets.

An indicator with no partnership is one the framework file suggests (this service's suggestion, not the
Panel's): every partnership on that framework has it. A partnership's own indicators carry its
partnership. Values are always a partnership's own: its area's, and the England and regional figures it
imported beside them as comparators.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from common.versioning import version_field
from indicators import periods
from partnerships.models import Partnership
from recommendations.models import Better, Framework, IndicatorUnit, Recommendation

DEFINITION_LIMIT = 2_000
NOTE_LIMIT = 1_000
MAX_DIGITS, DECIMAL_PLACES = 14, 3
LARGEST = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES) - 1

# The most a value of each unit can be; none may be negative.
UNIT_CEILINGS = {IndicatorUnit.PERCENTAGE: Decimal(100), IndicatorUnit.RATE_PER_10000: Decimal(10_000)}
UNIT_SYMBOLS = {IndicatorUnit.PERCENTAGE: "%", IndicatorUnit.DAYS: " days"}


class IndicatorQuerySet(models.QuerySet):
    def of(self, partnership):
        """The indicators a partnership records: its framework's suggestions and its own."""
        return self.filter(
            Q(partnership=partnership) | Q(partnership__isnull=True, framework_id=partnership.framework_id)
        )

    def about(self, recommendation):
        return self.filter(recommendations=recommendation)


class Indicator(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_indicators",
        help_text="Empty for an indicator the framework file suggests.",
    )
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    definition = models.TextField(max_length=DEFINITION_LIMIT)
    unit = models.CharField(max_length=20, choices=IndicatorUnit.choices)
    better = models.CharField("which way is better", max_length=10, choices=Better.choices)
    source = models.CharField(max_length=300, help_text="Where the figures come from.")
    recommendations = models.ManyToManyField(Recommendation, related_name="indicators")
    agency_types = models.JSONField(
        default=list, blank=True, help_text="Whose contributors enter its values; leads always may."
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = version_field()

    history = HistoricalRecords(m2m_fields=[recommendations], excluded_fields=["created_at"])
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "partnership", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], condition=Q(partnership__isnull=True), name="unique_suggested_code"
            ),
            models.UniqueConstraint(
                fields=["partnership", "code"], condition=Q(partnership__isnull=False), name="unique_own_code"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.name}"

    @property
    def is_suggested(self) -> bool:
        """Suggested by this service in the framework file, not added by the partnership (nor the Panel's)."""
        return self.partnership_id is None

    @property
    def higher_is_better(self) -> bool:
        return self.better == Better.HIGHER

    def check_value(self, value: Decimal, what: str = "The value") -> str | None:
        """Why `value` cannot be one of this indicator's, or None if it can."""
        if value < 0:
            return f"{what} cannot be negative"
        ceiling = UNIT_CEILINGS.get(self.unit, LARGEST)
        if value > ceiling:
            return f"{what} cannot be more than {ceiling:,} for a {self.get_unit_display().lower()}"
        return None

    def shown(self, value) -> str:
        """A value as people read it: 12.5%, 4.2, 31 days."""
        if value is None:
            return ""
        text = f"{value.normalize():,f}" if value != value.to_integral() else f"{int(value):,}"
        return f"{text}{UNIT_SYMBOLS.get(self.unit, '')}"


class Area(models.TextChoices):
    LOCAL = "local", "The partnership's area"
    REGION = "regional", "Region"
    ENGLAND = "national", "England"


class Suppressed(models.TextChoices):
    """The Department for Education's symbols for a figure not published, kept as given, never as zero."""

    CONFIDENTIAL = "c", "c: suppressed to protect confidentiality"
    LOW = "low", "low: rounds to 0 but is not 0"
    UNRELIABLE = "u", "u: low reliability"
    UNAVAILABLE = "x", "x: not available"
    NOT_APPLICABLE = "z", "z: not applicable"
    MISSING = ":", ": not available"


class ValueQuerySet(models.QuerySet):
    def local(self):
        return self.filter(area=Area.LOCAL)

    def in_order(self):
        return self.order_by("indicator_id", "period_start", "period_end", "area")


class Value(models.Model):
    """One figure: a partnership's, for one indicator, one period and one area (its own, its region or England)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    period = models.CharField(max_length=20, help_text="As the source names it: 2024-25, 2025 Q2.")
    period_start = models.DateField()
    period_end = models.DateField()
    period_kind = models.CharField(max_length=10, choices=[(periods.YEAR, "Year"), (periods.QUARTER, "Quarter")])
    area = models.CharField(max_length=10, choices=Area.choices, default=Area.LOCAL)
    area_code = models.CharField(max_length=12, blank=True, help_text="E92000001 for England, E12… for a region.")
    area_name = models.CharField(max_length=100, blank=True)
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True)
    suppressed = models.CharField(max_length=4, choices=Suppressed.choices, blank=True)
    numerator = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True)
    denominator = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True)
    note = models.TextField(max_length=NOTE_LIMIT, blank=True)
    source_file = models.CharField(max_length=255, blank=True, help_text="The file it was imported from, if any.")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["entered_at"])
    objects = ValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_start", "period_end", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "indicator", "period", "area", "area_code"], name="one_value_per_period_and_area"
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(suppressed="")) | (Q(value__isnull=True) & ~Q(suppressed="")),
                name="value_or_suppression_code",
            ),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__gte=0), name="value_not_negative"),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True) | Q(numerator__lte=F("denominator")),
                name="numerator_within_denominator",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period} {self.get_area_display()}"

    @property
    def is_suppressed(self) -> bool:
        return bool(self.suppressed)

    @property
    def shown(self) -> str:
        return self.suppressed if self.is_suppressed else self.indicator.shown(self.value)

    def as_period(self) -> periods.Period:
        return periods.Period(self.period_start, self.period_end, self.period, self.period_kind)

    def set_period(self, period: periods.Period) -> None:
        self.period, self.period_start, self.period_end, self.period_kind = (
            period.label,
            period.start,
            period.end,
            period.kind,
        )

    def clean(self):
        problems = {}
        if self.indicator_id and self.value is not None:
            problem = self.indicator.check_value(self.value)
            if problem:
                problems["value"] = problem
        if self.numerator is not None and self.denominator is not None and self.numerator > self.denominator:
            problems["numerator"] = "The numerator cannot be larger than the denominator"
        if problems:
            raise ValidationError(problems)


class Target(models.Model):
    """The value a partnership aims for on one indicator."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    by_period = models.CharField("to reach by", max_length=20, blank=True, help_text="For example 2026-27.")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)
    version = version_field()

    history = HistoricalRecords(excluded_fields=["set_at"])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "indicator"], name="one_target_per_indicator")]

    def __str__(self):
        return f"{self.indicator.code} target {self.value}"
