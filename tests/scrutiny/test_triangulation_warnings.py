"""A confident judgement on too few kinds of source, or none from children and families, is flagged, never blocked."""

import datetime
from types import SimpleNamespace

import pytest

from partnerships.models import Evidence
from scrutiny.judgements import triangulate
from scrutiny.models import Judgement


def item(source, strength=""):
    return Evidence(source=source, strength=strength, date=datetime.date(2026, 1, 1))


THREE_WITH_VOICES = [item("voices", "tested"), item("data"), item("audit", "documented")]
THREE_WITHOUT_VOICES = [item("practitioners"), item("data"), item("audit")]
TWO_WITH_VOICES = [item("voices"), item("voices"), item("data")]


@pytest.mark.parametrize(
    ("level", "evidence", "warnings"),
    [
        ("substantial", THREE_WITH_VOICES, []),
        ("reasonable", THREE_WITHOUT_VOICES, ["no evidence from children and families"]),
        ("substantial", TWO_WITH_VOICES, ["rests on 2 kinds of source"]),
        ("reasonable", [], ["rests on 0 kinds of source", "no evidence from children and families"]),
        ("limited", [], []),
        ("none", [], []),
        ("not_assessed", [], []),
    ],
)
def test_warnings(level, evidence, warnings):
    result = triangulate(level, evidence)
    assert len(result.warnings) == len(warnings)
    for expected, actual in zip(warnings, result.warnings, strict=True):
        assert expected in actual


def test_rows_show_each_source_with_its_strengths():
    result = triangulate("limited", THREE_WITH_VOICES)
    by_source = {row.source: row for row in result.rows}
    assert result.kinds == 3
    assert by_source["voices"].strengths == ["Tested in practice"]
    assert by_source["data"].strengths == ["Not graded"]
    assert by_source["policy"].items == []


def test_withdrawn_evidence_does_not_count():
    withdrawn = item("voices")
    withdrawn.withdrawn_at = SimpleNamespace()
    assert triangulate("limited", [withdrawn]).kinds == 0


def test_judgement_page_warns_but_saves(client, personas, world):
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/"
    response = client.post(
        url,
        {"version": "0", "level": "substantial", "rationale": "Strong", "evidence": [world["health_evidence"].pk]},
        follow=True,
    )
    assert Judgement.objects.get(pk=world["judgement"].pk).level == "substantial"
    page = response.content.decode()
    assert "Substantial assurance rests on 1 kind of source" in page
    assert "rests on no evidence from children and families" in page
    assert "1 of 5 kinds of source" in page
