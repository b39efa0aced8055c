"""The framework file's indicators (this service's suggestions, not the Panel's) load with the framework, in its
transaction, by code: every partnership on the framework has them; a file that drops one a partnership has
recorded values for is refused whole."""

import datetime

import pytest
import yaml

from indicators.models import Indicator, Value
from recommendations.loader import FrameworkFileError, load_framework
from recommendations.models import Better, IndicatorUnit
from tests.support.builders import BUNDLED_FRAMEWORK_FILE as BUNDLED
from tests.support.builders import framework_snapshot as snapshot
from tests.support.builders import framework_variant as variant

pytestmark = pytest.mark.django_db


def test_every_recommendation_but_the_first_has_suggested_indicators(framework):
    suggested = Indicator.objects.filter(framework=framework, partnership=None)
    codes = {r.code for i in suggested for r in i.recommendations.all()}
    assert codes == {"R2", "R3", "R4", "R5", "R6"}
    wait = suggested.get(code="I-R6-THERAPY-WAIT")
    assert (wait.unit, wait.better, wait.is_suggested) == (IndicatorUnit.DAYS, Better.LOWER, True)
    assert all(i.definition and i.source for i in suggested)


def test_a_partnership_has_the_suggestions_and_its_own_but_not_anothers(framework, partnership, other_partnership):
    own = Indicator.objects.create(
        framework=framework, partnership=other_partnership, code="LOCAL-1", name="Local", definition="d",
        unit=IndicatorUnit.COUNT, better=Better.HIGHER, source="s",
    )  # fmt: skip
    mine = Indicator.objects.of(partnership)
    assert own not in mine
    assert own in Indicator.objects.of(other_partnership)
    assert mine.count() == Indicator.objects.filter(framework=framework, partnership=None).count() > 0


def test_loading_again_changes_nothing(framework):
    before = snapshot()
    result = load_framework(BUNDLED)
    assert not result.changed
    assert snapshot() == before


def test_a_changed_definition_is_updated_and_a_dropped_indicator_removed(framework, tmp_path):
    def change(data):
        data["indicators"][0]["definition"] = "A better definition."
        data["indicators"].pop()

    dropped = data_codes()[-1]
    result = load_framework(variant(tmp_path, change))
    assert result.updated >= 1 and result.deleted >= 1
    assert Indicator.objects.get(partnership=None, code=data_codes()[0]).definition == "A better definition."
    assert not Indicator.objects.filter(partnership=None, code=dropped).exists()


def test_dropping_an_indicator_with_values_refuses_the_whole_file(framework, partnership, personas, tmp_path):
    last = Indicator.objects.get(partnership=None, code=data_codes()[-1])
    Value.objects.create(
        partnership=partnership, indicator=last, period="2024-25", period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31), period_kind="year", value=30, entered_by=personas["lead"],
    )  # fmt: skip
    before = snapshot()

    def change(data):
        data["indicators"][0]["name"] = "Renamed"
        data["indicators"].pop()

    with pytest.raises(FrameworkFileError) as refused:
        load_framework(variant(tmp_path, change))
    assert f"{last.code} has values recorded" in str(refused.value)
    assert snapshot() == before


def data_codes() -> list[str]:
    return [entry["code"] for entry in yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))["indicators"]]
