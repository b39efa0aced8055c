"""In a real Chromium (issue 15): a partnership manager imports a tidy file from Explore Education Statistics
(first leaving a column unmapped, which refuses the whole file), a scrutineer cites an imported indicator in
the R3 judgement, and the R3 page charts it beside England and the region. axe-core checks every page for WCAG
2.2 A and AA; the screenshots are test-artifacts/indicator-journey-*.png."""

import re
from pathlib import Path

import pytest

from indicators.models import Area, Indicator, Value
from scrutiny.models import Judgement
from tests.support.browser import check_page, sign_in, sign_out

pytestmark = pytest.mark.browser

TIDY = Path(__file__).resolve().parents[2] / "data" / "indicators" / "tidy_two_regions.csv"


def pk_of(code: str) -> str:
    return str(Indicator.objects.get(partnership=None, code=code).pk)


def test_imported_figures_are_cited_and_charted(transactional_db, live_server, personas, world, browser_page):
    page, base = browser_page, live_server.url
    review = world["review"]

    sign_in(page, base, "lead")
    page.goto(f"{base}/partnerships/northmere/")
    page.get_by_role("link", name="Indicators").click()
    page.get_by_role("button", name="Import values from a spreadsheet").click()  # a link drawn as a button
    page.get_by_role("heading", name="Import indicator values from a spreadsheet").wait_for()
    check_page(page, "indicator-journey-01-import")
    page.get_by_label("Upload a file").set_input_files(str(TIDY))
    page.get_by_role("button", name="Upload and check").click()
    page.get_by_role("heading", name=re.compile("Choose what to import")).wait_for()
    check_page(page, "indicator-journey-02-map")

    page.get_by_label("Which local authority is this partnership's?").select_option(label="Northmere (E06000901)")
    page.get_by_label("cpp_sexual_abuse_rate").select_option(value=pk_of("I-R3-CPP-SA"))
    page.get_by_label("assessments_csa_rate").select_option(value=pk_of("I-R3-ASSESS-CSA"))
    page.get_by_role("button", name="Check and import").click()  # s47_multi_agency_percent left unmapped
    page.get_by_text("There is a problem").first.wait_for()
    check_page(page, "indicator-journey-03-map-refused")
    assert not Value.objects.exists()

    page.get_by_label("s47_multi_agency_percent").select_option(label="Do not import")
    page.get_by_role("button", name="Check and import").click()
    page.get_by_text(re.compile(r"imported from")).first.wait_for()
    check_page(page, "indicator-journey-04-imported")
    local = Value.objects.filter(area=Area.LOCAL, indicator__code="I-R3-CPP-SA")
    assert local.count() >= 2
    assert Value.objects.filter(area=Area.ENGLAND, indicator__code="I-R3-CPP-SA").exists()
    assert not Value.objects.filter(indicator__code="I-R3-S47-MULTI").exists()
    sign_out(page)

    sign_in(page, base, "scrutineer")
    page.goto(f"{base}/partnerships/northmere/reviews/{review.pk}/judgements/R3/")
    page.get_by_role("heading", name="Record the judgement").wait_for()
    page.get_by_label("Reasonable assurance").check()
    page.get_by_label("Rationale").fill("Plans under sexual abuse rose, ahead of England; the audit agrees.")
    page.get_by_label(re.compile("I-R3-CPP-SA: ")).check()
    check_page(page, "indicator-journey-05-judgement-citing")
    page.get_by_role("button", name="Save judgement").click()
    page.get_by_text("Saved.").wait_for()
    judgement = Judgement.objects.get(review=review, recommendation__code="R3")
    assert [i.code for i in judgement.indicators.all()] == ["I-R3-CPP-SA"]
    check_page(page, "indicator-journey-06-judgement-saved")

    page.goto(f"{base}/partnerships/northmere/recommendations/R3/")
    page.get_by_role("heading", name="Indicators", exact=True).wait_for()
    chart = page.locator("svg[role='img']", has=page.locator("title", has_text="Child protection plans"))
    assert chart.count() == 1
    assert page.get_by_text(re.compile("than England")).first.is_visible()
    check_page(page, "indicator-journey-07-recommendation")
