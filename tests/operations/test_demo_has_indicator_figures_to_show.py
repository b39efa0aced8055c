"""The demo records invented figures for several suggested indicators over four financial years, with England's and
a region's beside them, one suppressed cell and one target, and its R6 judgement cites two of them, so the pages and
the report have figures to show; a figure that is not a number or a suppression code, or out of its unit's range,
is refused on loading, naming the entry."""

import datetime

import pytest

from indicators.models import Area, Target, Value
from indicators.trends import trends_for
from operations.demo import DEMO_FILE, DemoDataError, seed_demo
from partnerships.models import Partnership
from scrutiny.models import Judgement, Review

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-for-tests"
TODAY = datetime.date(2026, 12, 3)  # the current review began in April 2026: figures to 2025-26


def test_the_demo_partnership_has_figures_comparators_a_gap_a_suppressed_cell_a_target_and_a_citation(framework):
    seed_demo(password=PASSWORD, today=TODAY)
    northmere = Partnership.objects.get(slug="northmere")
    values = Value.objects.filter(partnership=northmere)
    local = values.filter(area=Area.LOCAL)
    assert local.values("indicator").distinct().count() == 5
    assert sorted(set(local.values_list("period", flat=True))) == ["2022-23", "2023-24", "2024-25", "2025-26"]
    assert {"England", "Dales and Moors"} <= set(values.exclude(area=Area.LOCAL).values_list("area_name", flat=True))
    assert list(local.exclude(suppressed="").values_list("indicator__code", "period", "suppressed")) == [
        ("I-R3-CPP-SA", "2024-25", "c")
    ]
    target = Target.objects.get(partnership=northmere)
    assert (target.indicator.code, target.value, target.by_period) == ("I-R6-THERAPY-WAIT", 90, "2026-27")

    review = Review.objects.get(partnership=northmere, status=Review.Status.JUDGING)
    judgement = Judgement.objects.get(review=review, recommendation__code="R6")
    cited = sorted(judgement.indicators.values_list("code", flat=True))
    assert cited == ["I-R6-HEALTH-PRESENT", "I-R6-THERAPY-WAIT"]
    assert judgement.history.count() == 1  # cited in the one record of its creation

    wait = trends_for(northmere, judgement.indicators.filter(code="I-R6-THERAPY-WAIT"))[0]
    assert wait.since_previous.words == "Worse than 2024-25 (118 days)."
    assert wait.against_target.words == "Short of the target of 90 days by 2026-27."


def test_seeding_on_a_later_day_moves_the_years_on_and_keeps_four(framework):
    seed_demo(password=PASSWORD, today=TODAY)
    seed_demo(password=PASSWORD, today=TODAY + datetime.timedelta(days=365))
    local = Value.objects.filter(partnership__slug="northmere", area=Area.LOCAL)
    assert sorted(set(local.values_list("period", flat=True))) == ["2023-24", "2024-25", "2025-26", "2026-27"]
    assert local.count() == 5 * 4


@pytest.mark.parametrize(
    ("old", "new", "wrong"),
    [
        ('local = ["48", "51", "55", "52.5"]', 'local = ["48", "51", "55", "152.5"]', "cannot be more than 100"),
        ('local = ["48", "51", "55", "52.5"]', 'local = ["48", "51", "55", "about half"]', "neither a number nor"),
        ('regional = ["60", "62", "63", "65"]', 'regional = ["60", "62", "63"]', "3 figures for 4 years"),
    ],
    ids=["out-of-range", "not-a-figure", "too-few-comparators"],
)
def test_a_bad_figure_is_refused_naming_the_entry_and_nothing_is_seeded(framework, tmp_path, old, new, wrong):
    text = DEMO_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "demo.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DemoDataError) as refused:
        seed_demo(password=PASSWORD, path=path)
    assert 'indicator_figures[1] "I-R6-HEALTH-PRESENT"' in str(refused.value)
    assert wrong in str(refused.value)
    assert not Partnership.objects.exists() and not Value.objects.exists()
