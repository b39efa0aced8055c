"""Server-side SVG charts: well-formed, labelled for assistive technology, escaped, the same numbers
in the table as in the input, and printable by WeasyPrint for the PDF report.
"""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from scrutiny.charts import STATUSES, actions_by_status, assurance_across_reviews
from tests.support.browser import ARTIFACTS

SVG = "{http://www.w3.org/2000/svg}"

STATUS_ROWS = [
    ("R1", {"Not started": 1, "On track": 4, "At risk": 1, "Off track": 0, "Complete": 3}),
    ("R2", {"On track": 2, "Complete": 1}),
    ("R3", {"Not started": 2, "At risk": 2, "Off track": 2}),
    ("R4", {"Complete": 5}),
    ("R5", {"Off track": 1, "Complete": 12, "On track": 3}),
    ("R6", {}),
]
REVIEWS = ["Review 2024", "Review 2025", "Annual scrutiny review 2026"]
ASSURANCE_ROWS = [
    ("R1", ["limited", "reasonable", "substantial"]),
    ("R2", [None, "Limited assurance", "Reasonable"]),
    ("R3", ["limited", "limited", "limited"]),
    ("R4", ["none", "limited", "reasonable"]),
    ("R5", ["reasonable", "reasonable", "reasonable"]),
    ("R6", [None, None, "No assurance"]),
]


def parse(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314 - our own markup, not untrusted input


def texts(root):
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def status_chart():
    return actions_by_status(STATUS_ROWS)


def assurance_chart():
    return assurance_across_reviews(REVIEWS, ASSURANCE_ROWS)


@pytest.mark.parametrize("make", [status_chart, assurance_chart], ids=["status", "assurance"])
def test_svg_is_well_formed_and_labelled_as_one_image(make):
    chart = make()
    root = parse(chart)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == (title_id, chart.title)
    assert (desc.get("id"), desc.text) == (desc_id, chart.description)
    assert root.get("width") == "640"
    assert all("Arial" in text.get("font-family") for text in root.iter(f"{SVG}text"))


def test_every_label_is_escaped_and_stays_text():
    chart = actions_by_status([("<b>", {"On track": 2})], title='Actions & "status" <i>')
    root = parse(chart)

    assert "<b>" in texts(root)
    assert root.find(f".//{SVG}b") is None and root.find(".//b") is None
    assert "&lt;b&gt;" in chart.svg
    assert root.find(f"{SVG}title").text == 'Actions & "status" <i>'

    chart = assurance_across_reviews(['<script>alert("r")</script>'], [("<b>", ["limited"])])
    root = parse(chart)
    assert root.find(f".//{SVG}script") is None
    assert "<b>" in texts(root)
    assert any("<script>" in text for text in texts(root))


def test_status_table_has_the_input_numbers():
    chart = status_chart()

    assert chart.header == ["Recommendation", *STATUSES, "Total"]
    assert chart.rows == [
        ["R1", 1, 4, 1, 0, 3, 9],
        ["R2", 0, 2, 0, 0, 1, 3],
        ["R3", 2, 0, 2, 2, 0, 6],
        ["R4", 0, 0, 0, 0, 5, 5],
        ["R5", 0, 3, 0, 1, 12, 16],
        ["R6", 0, 0, 0, 0, 0, 0],
    ]
    assert chart.description.startswith("39 actions across 6 recommendations: 3 not started, 9 on track")
    assert "Off track: R3 (2), R5 (1)." in chart.description


def test_status_chart_does_not_rely_on_colour():
    root = parse(status_chart())
    labels = texts(root)

    # A legend names every status, and bars carry patterns and written counts.
    for status in STATUSES:
        assert status in labels
    assert {"4", "12", "5"} <= set(labels)
    assert len(root.findall(f".//{SVG}pattern")) == 4
    assert "No actions" in labels  # R6, which has none


def test_statuses_may_be_given_by_stored_value():
    by_value = actions_by_status([("R1", {"on_track": 2, "off_track": 1})])
    by_label = actions_by_status([("R1", {"On track": 2, "Off track": 1})])

    assert by_value.table == by_label.table
    with pytest.raises(ValueError, match="Unknown action status"):
        actions_by_status([("R1", {"Stalled": 1})])


def test_bars_grow_with_the_rows():
    one = parse(actions_by_status(STATUS_ROWS[:1]))
    six = parse(status_chart())

    def height(root):
        return float(root.get("viewBox").split()[3])

    assert height(six) > height(one)


@pytest.mark.parametrize("rows", [[], [("R1", {}), ("R2", {"Complete": 0})]], ids=["no rows", "all zero"])
def test_no_actions_says_so(rows):
    chart = actions_by_status(rows)

    assert "No actions yet" in texts(parse(chart))
    assert chart.description == "No actions yet"
    assert chart.rows == [[code, 0, 0, 0, 0, 0, 0] for code, _ in rows]


def test_assurance_table_has_the_input_levels_in_words():
    chart = assurance_chart()

    assert chart.header == ["Recommendation", *REVIEWS]
    assert chart.rows[0] == ["R1", "Limited assurance", "Reasonable assurance", "Substantial assurance"]
    assert chart.rows[1] == ["R2", "Not yet assessed", "Limited assurance", "Reasonable assurance"]
    assert chart.rows[5] == ["R6", "Not yet assessed", "Not yet assessed", "No assurance"]
    assert not chart.numeric
    assert "In Annual scrutiny review 2026: 1 substantial, 3 reasonable, 1 limited, 1 no assurance." in (
        chart.description
    )
    assert "Higher than in Review 2025: R1, R2, R4." in chart.description


def test_assurance_chart_names_levels_reviews_and_lines():
    labels = texts(parse(assurance_chart()))

    for level in ["Substantial", "Reasonable", "Limited", "No assurance", "Not yet assessed"]:
        assert level in labels
    for code, _ in ASSURANCE_ROWS:
        assert code in labels
    assert "Review 2024" in labels


def test_assurance_levels_must_match_the_reviews():
    with pytest.raises(ValueError):
        assurance_across_reviews(REVIEWS, [("R1", ["limited"])])
    with pytest.raises(ValueError, match="Unknown assurance level"):
        assurance_across_reviews(["Review"], [("R1", ["excellent"])])


def test_no_reviews_says_so():
    chart = assurance_across_reviews([], [])

    assert "No reviews yet" in texts(parse(chart))


def test_chart_ids_are_plain():
    with pytest.raises(ValueError):
        actions_by_status(STATUS_ROWS, chart_id='x") url(evil')


def test_partial_shows_figure_caption_and_a_plain_table():
    chart = actions_by_status([("<b>", {"On track": 2})])
    html = render_to_string("partials/chart.html", {"chart": chart})

    assert "<figure" in html and "<figcaption>" in html
    assert chart.description in html
    assert "<svg" in html  # the chart's markup, not escaped
    assert '<th scope="row" class="govuk-table__header">&lt;b&gt;</th>' in html
    assert '<th scope="col"' in html
    assert "govuk-details" not in html


def test_compact_partial_folds_the_table_into_details():
    html = render_to_string("partials/chart.html", {"chart": status_chart(), "compact": True})

    assert "Show the numbers" in html
    assert html.index("govuk-details") < html.index("<table")


def _page(*charts):
    body = "".join(render_to_string("partials/chart.html", {"chart": chart}) for chart in charts)
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>Charts</title>"
        "<style>@page { size: A4; margin: 15mm } body { font-family: Arial, sans-serif }"
        " th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #b1b4b6 }</style>"
        f"</head><body>{body}</body></html>"
    )


def test_weasyprint_prints_the_charts():
    import weasyprint

    empty = actions_by_status([], chart_id="chart-empty")
    pdf = weasyprint.HTML(string=_page(status_chart(), assurance_chart(), empty)).write_pdf()

    assert pdf.startswith(b"%PDF")


def test_charts_as_png_for_a_person_to_look_at(tmp_path):
    """Writes test-artifacts/chart-*.png: WeasyPrint's own rendering, to look at, not to compare."""
    import weasyprint

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    ARTIFACTS.mkdir(exist_ok=True)
    for name, chart in [("actions-by-status", status_chart()), ("assurance-across-reviews", assurance_chart())]:
        pdf = tmp_path / f"{name}.pdf"
        weasyprint.HTML(string=_page(chart)).write_pdf(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(ARTIFACTS / f"chart-{name}")], check=True
        )
        assert (ARTIFACTS / f"chart-{name}.png").stat().st_size > 1000
