"""Choosing evidence among hundreds: what is chosen first, then a short list found by search.

Every form that cites evidence (an action item's evidence of completion and of impact, a
judgement, a question response) uses EvidenceChooserField. It renders the chosen items as ticked
checkboxes, then a search (words, recommendation, agency, dates) and a few matches, newest first.
The "Find evidence" button posts the whole form back to its own page: nothing typed is lost,
nothing is saved, no error is shown, and the page returns with the new matches and the same ticks.
It needs no JavaScript and works from the keyboard; static/app/evidence-chooser.js only makes Enter
in a search box press that box's button rather than the form's first.

Which items a field accepts is unchanged: its queryset, checked on save as before. The search
only narrows what is offered.
"""

from django import forms
from django.db.models import Prefetch
from django.forms.boundfield import BoundField
from django.forms.utils import ErrorDict
from django.utils.functional import cached_property

from common.forms import BoundedModelMultipleChoiceField
from partnerships.forms import EvidenceSearchMixin, agency_choices, recommendation_choices
from recommendations.models import Recommendation

FIND = "find_evidence"
SHOWN_FOUND = 10  # matches of a search
SHOWN_NEWEST = 5  # before any search


def search_date(label: str, what: str, example: str) -> forms.DateField:
    """A date the browser's date picker sends as 2026-04-01; typed by hand, 1/4/2026 will do too."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": f"Enter {what} as a real date, for example {example}"},
    )


class EvidenceSearchForm(EvidenceSearchMixin, forms.Form):
    """The search inside one chooser; its names carry the chooser's name as prefix (`evidence-q`)."""

    q = forms.CharField(label="Words in the title or summary", required=False, max_length=200)
    recommendation = forms.ChoiceField(label="Recommendation", required=False)
    agency = forms.ChoiceField(label="Agency", required=False)
    date_from = search_date("Dated from", "the date from", "2026-04-01")
    date_to = search_date("Dated to", "the date to", "2027-03-31")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = recommendation_choices(partnership, every="All recommendations")
        self.fields["agency"].choices = agency_choices(partnership, every="All agencies")


class EvidenceChooserBoundField(BoundField):
    """The field as the chooser shows it: chosen items, the search, and a page of matches."""

    @cached_property
    def search_terms(self) -> dict:
        return self.search.search_terms()

    @cached_property
    def search(self) -> EvidenceSearchForm:
        data = self.form.data if self.form.is_bound else None
        return EvidenceSearchForm(data, prefix=self.html_name, partnership=self.field.partnership)

    @cached_property
    def chosen_ids(self) -> list[int]:
        """The ids ticked now: as sent, or as saved; anything that cannot be an id is left out."""
        return self.field.possible_ids(self.value() or [])

    def _offered(self):
        codes = Prefetch("recommendations", queryset=Recommendation.objects.order_by("position").only("code"))
        return self.field.queryset.select_related("agency").prefetch_related(codes)

    @cached_property
    def chosen(self) -> list:
        if not self.chosen_ids:
            return []
        return list(self._offered().filter(pk__in=self.chosen_ids).order_by("-date", "-pk"))

    @cached_property
    def _matching(self):
        return self.field.queryset.exclude(pk__in=self.chosen_ids).matching(**self.search_terms)

    @cached_property
    def matches(self) -> list:
        shown = SHOWN_FOUND if self.is_filtered else SHOWN_NEWEST
        return list(self._offered().filter(pk__in=self._matching.values("pk")).order_by("-date", "-pk")[:shown])

    @cached_property
    def match_count(self) -> int:
        """How many match: counted only when the list shown is full."""
        if len(self.matches) < (SHOWN_FOUND if self.is_filtered else SHOWN_NEWEST):
            return len(self.matches)
        return self._matching.count()

    @property
    def searched(self) -> bool:
        return self.form.data.get(FIND) == self.html_name

    @cached_property
    def is_filtered(self) -> bool:
        return any(self.search_terms.values())

    @property
    def more(self) -> int:
        return self.match_count - len(self.matches)


class EvidenceChooserField(BoundedModelMultipleChoiceField):
    """Evidence to cite, chosen through the chooser; `offer` gives the items it accepts."""

    widget = forms.CheckboxSelectMultiple
    layout_template = "evidence/_chooser.html"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", None)
        super().__init__(*args, **kwargs)
        self.partnership = None

    def offer(self, queryset, *, partnership):
        """Accept the items of `queryset`, of `partnership` (whose agencies and recommendations the search offers)."""
        self.queryset = queryset
        self.partnership = partnership

    def get_bound_field(self, form, field_name):
        return EvidenceChooserBoundField(form, self, field_name)

    def label_from_instance(self, obj):
        return obj.title


class EvidenceChooserMixin:
    """For a form with EvidenceChooserFields: the "Find evidence" button redisplays, never saves.

    Put it first in the bases. A form posted by the button has no errors and is not valid, so a
    view that saves only a valid form shows it again, as sent.
    """

    @property
    def is_finding_evidence(self) -> bool:
        return self.is_bound and FIND in self.data

    def full_clean(self):
        if self.is_finding_evidence:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self):
        return not self.is_finding_evidence and super().is_valid()
