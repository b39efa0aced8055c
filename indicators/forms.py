"""Forms of the indicator pages, in the GOV.UK template pack: an indicator of the partnership's own, a value, a
target. They only read what was typed into its types and offer the choices; indicators/values.py checks the
rest (range by unit, periods, one value a period) and writes, and its messages land on these forms' fields.
"""

from decimal import Decimal

from crispy_forms_gds.layout import Field, Size
from django import forms

from common.forms import GovUKFormMixin, IdentifierGuardMixin, limited_text_field
from common.limits import too_long
from common.versioning import VersionedFormMixin
from indicators import periods
from indicators.models import DECIMAL_PLACES, LARGEST, MAX_DIGITS, Indicator, Suppressed, Target, Value
from indicators.values import RECOMMENDATION_REQUIRED, REQUIRED_TEXT
from partnerships.forms import CodeMultipleChoiceField
from recommendations.models import AgencyType, Better, IndicatorUnit

PERIOD_HINT = f"As the source names it: {periods.EXAMPLES}."
NOT_SUPPRESSED = ""


def plain_number(number: Decimal | None) -> str:
    """A stored number as a person would type it: 12.5, not 12.500 or 1.25E+1."""
    if number is None:
        return ""
    return f"{number.normalize():f}" if number != number.to_integral() else str(int(number))


def number_field(label: str, *, help_text: str = "", required: bool = False, required_message: str = ""):
    """A decimal of the indicators' size, with messages that name it and say what to type."""
    what = label.removesuffix(" (optional)")
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        localize=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": required_message or f"Enter the {what.lower()}",
            "invalid": f"{what} must be a number, like 12.5",
            "max_digits": f"{what} must be less than {LARGEST + 1:,}",
            "max_whole_digits": f"{what} must be less than {LARGEST + 1:,}",
            "max_decimal_places": f"{what} can have at most {DECIMAL_PLACES} decimal places",
        },
    )


def _text(model, name, label, *, help_text="", required_message=""):
    limit = model._meta.get_field(name).max_length
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required_message),
        max_length=limit,
        error_messages={"required": required_message, "max_length": too_long(label.removesuffix(" (optional)"), limit)},
    )


class IndicatorForm(GovUKFormMixin, VersionedFormMixin, forms.Form):
    """An indicator of the partnership's own: what it measures and how, and whose contributors enter its values.
    Changing one, the form carries the version it was opened at (common/versioning.py)."""

    submit_label = "Save indicator"

    code = _text(
        Indicator,
        "code",
        "Code",
        help_text="A short code of the partnership's own, like NM-R3-REFERRALS: letters, numbers and hyphens.",
        required_message="Enter a short code for the indicator, like NM-R3-REFERRALS",
    )
    name = _text(Indicator, "name", "Name", required_message=REQUIRED_TEXT["name"])
    definition = limited_text_field(
        Indicator,
        "definition",
        help_text="What is counted, of whom and over what period; for a percentage or a rate, its numerator and "
        "denominator.",
        label="Definition",
        required_message=REQUIRED_TEXT["definition"],
    )
    unit = forms.ChoiceField(
        label="Unit",
        choices=IndicatorUnit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the indicator's unit", "invalid_choice": "Select the indicator's unit"},
    )
    better = forms.ChoiceField(
        label="Which way is better?",
        choices=Better.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which way is better", "invalid_choice": "Select which way is better"},
    )
    source = _text(
        Indicator,
        "source",
        "Source",
        help_text="Where the figures come from, for example the local authority's case management system.",
        required_message=REQUIRED_TEXT["source"],
    )
    recommendations = CodeMultipleChoiceField(
        None,
        label_from=lambda r: f"{r.code}: {r.title}",
        label="Which recommendations does it measure?",
        help_text="Select all that apply.",
        error_messages={
            "required": RECOMMENDATION_REQUIRED,
            "invalid_choice": "Select only this partnership's framework's recommendations",
        },
    )
    agency_types = forms.MultipleChoiceField(
        label="Whose contributors enter its values? (optional)",
        help_text="Contributors of these kinds of agency may enter values; partnership managers always may.",
        choices=AgencyType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select only the kinds of agency listed"},
    )

    def __init__(self, *args, partnership, indicator: Indicator | None = None, **kwargs):
        if indicator is not None:
            self.submit_label = "Save changes"
            kwargs.setdefault("initial", initial_of_indicator(indicator))
        super().__init__(*args, version=indicator.version if indicator is not None else None, **kwargs)
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}
        self.fields["recommendations"].queryset = partnership.framework.recommendations.order_by("position")

    def layout_field(self, name):
        if name == "definition":
            return Field.textarea(name, rows=5, max_characters=self.fields[name].max_length)
        if name in ("unit", "better"):
            return Field.radios(name, small=True)
        if name in ("recommendations", "agency_types"):
            return Field.checkboxes(name, small=True)
        if name == "code":
            return Field.text(name, field_width=20)
        return Field(name)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("code", "name", "definition", "unit", "better", "source")} | {
            "recommendations": list(data["recommendations"]),
            "agency_types": list(data["agency_types"]),
        }


def initial_of_indicator(indicator: Indicator) -> dict:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "better": indicator.better,
        "source": indicator.source,
        "recommendations": [r.code for r in indicator.recommendations.all()],
        "agency_types": list(indicator.agency_types),
    }


class ValueForm(IdentifierGuardMixin, GovUKFormMixin, VersionedFormMixin, forms.Form):
    """A value of the partnership's own area for one period: a number, or the code it was suppressed with."""

    submit_label = "Save value"
    identifier_fields = ("note",)

    period = forms.CharField(label="Period", help_text=PERIOD_HINT, required=False, max_length=40)
    value = number_field("Value")
    suppressed = forms.ChoiceField(
        label="Suppression code (optional)",
        help_text="Only if the figure was not published: choose the code the source gives in its place.",
        choices=[(NOT_SUPPRESSED, "Not suppressed: the value is given above"), *Suppressed.choices],
        required=False,
        error_messages={"invalid_choice": "Select one of the suppression codes listed"},
    )
    numerator = number_field("Numerator (optional)", help_text="For a percentage or a rate: what was counted.")
    denominator = number_field("Denominator (optional)", help_text="For a percentage or a rate: out of how many.")
    note = limited_text_field(
        Value,
        "note",
        label="Note (optional)",
        help_text="Anything a reader needs to know about this figure: a change of definition, a partial year. "
        "Do not name or identify any child or family.",
        rows=3,
    )

    def __init__(self, *args, indicator: Indicator, record: Value | None = None, **kwargs):
        if record is not None:
            self.submit_label = "Save changes"
            kwargs.setdefault("initial", initial_of_value(record))
        super().__init__(*args, version=record.version if record is not None else None, **kwargs)
        self.fields["value"].label = f"Value ({indicator.get_unit_display().lower()})"
        self.fields["value"].help_text = "Leave it empty if the figure was suppressed, and choose its code below."
        self.helper.label_size = self.helper.legend_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}

    def layout_field(self, name):
        if name == "note":
            return Field.textarea(name, rows=3, max_characters=self.fields[name].max_length)
        if name in ("period", "value", "numerator", "denominator"):
            return Field.text(name, field_width=10)
        return Field(name)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        fields = ("period", "value", "suppressed", "numerator", "denominator", "note")
        return {name: data[name] for name in fields} | {"change_reason": self.identifier_change_reason}


def initial_of_value(record: Value) -> dict:
    return {
        "period": record.period,
        "value": plain_number(record.value),
        "suppressed": record.suppressed,
        "numerator": plain_number(record.numerator),
        "denominator": plain_number(record.denominator),
        "note": record.note,
    }


class TargetForm(GovUKFormMixin, VersionedFormMixin, forms.Form):
    """The value the partnership aims for on one indicator, and when by."""

    submit_label = "Save target"

    value = number_field("Target value", required=True, required_message="Enter the target value")
    by_period = forms.CharField(
        label="To reach by (optional)",
        help_text=f"The period the target is for: {periods.EXAMPLES}.",
        required=False,
        max_length=40,
    )

    def __init__(self, *args, indicator: Indicator, target: Target | None = None, **kwargs):
        if target is not None:
            kwargs.setdefault("initial", {"value": plain_number(target.value), "by_period": target.by_period})
        super().__init__(*args, version=target.version if target is not None else None, **kwargs)
        self.fields["value"].label = f"Target value ({indicator.get_unit_display().lower()})"
        self.helper.label_size = Size.SMALL
        self.helper.attrs = {"novalidate": ""}

    def layout_field(self, name):
        return Field.text(name, field_width=10)
