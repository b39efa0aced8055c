"""Not yet assessed is the absence of a judgement, not a level below "No assurance": the assurance chart
draws no point for it, and its text alternative and table say which recommendations were not assessed."""

import xml.etree.ElementTree as ET

from scrutiny.charts import LINE_COLOURS, assurance_across_reviews

SVG = "{http://www.w3.org/2000/svg}"


def points_of_first_line(chart):
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own markup
    # The first line is drawn with circles in the first colour: its points, and its name's marker if it has one.
    return [c for c in root.iter(f"{SVG}circle") if c.get("fill") == LINE_COLOURS[0]]


def test_a_review_without_a_judgement_has_no_point():
    chart = assurance_across_reviews(
        ["Review A", "Review B"], [("R1", ["limited", None]), ("R2", [None, "reasonable"])]
    )

    # R1 was judged in one review only: one point, and no name at a level it does not have.
    assert len(points_of_first_line(chart)) == 1
    judged_twice = assurance_across_reviews(["Review A", "Review B"], [("R1", ["limited", "limited"])])
    assert len(points_of_first_line(judged_twice)) == 3  # two points and the marker beside its name


def test_text_alternative_and_table_name_what_was_not_assessed():
    chart = assurance_across_reviews(
        ["Review A", "Review B"], [("R1", ["limited", None]), ("R2", [None, "reasonable"])]
    )

    assert "In Review B: 1 reasonable." in chart.description
    assert "Not yet assessed in Review B: R1." in chart.description
    assert "draws no point" in chart.description
    assert "not yet assessed" not in chart.description.split("Not yet assessed in")[0].lower()
    assert chart.rows == [
        ["R1", "Limited assurance", "Not yet assessed"],
        ["R2", "Not yet assessed", "Reasonable assurance"],
    ]


def test_the_scale_ends_at_no_assurance():
    chart = assurance_across_reviews(["Review A"], [("R1", [None])])
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - our own markup
    texts = {"".join(t.itertext()): float(t.get("y")) for t in root.iter(f"{SVG}text")}

    # "Not yet assessed" heads a row of names under the review names, not a band of the scale.
    assert texts["Not yet assessed"] > texts["Review A"] > texts["No assurance"]
    assert not list(root.iter(f"{SVG}circle"))


def test_overview_says_not_yet_assessed_draws_no_point(client, personas, world):
    client.force_login(personas["scrutineer"])
    page = client.get("/partnerships/northmere/").content.decode()
    chart = page.split("Assurance level across reviews</p>")[1].split("</figure>")[0]

    assert "Not yet assessed in Review 2026: R1, R2, R3, R4, R5, R6." in chart
    assert "draws no point" in chart
