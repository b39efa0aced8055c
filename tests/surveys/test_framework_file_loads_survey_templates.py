"""The framework file's survey template loads with the framework, by code: the review's six reflective questions for
professionals, a five-point confidence scale, the role bands, and five areas tied to recommendations (R5's feeds the
suggested indicator of practitioners' confidence). A malformed template is refused naming the entry and field; a
file that drops a template a round uses is refused whole."""

import pytest

from recommendations.loader import FrameworkFileError, load_framework
from surveys.models import SurveyTemplate
from tests.support import survey_world
from tests.support.builders import BUNDLED_FRAMEWORK_FILE as BUNDLED
from tests.support.builders import framework_snapshot as snapshot
from tests.support.builders import framework_variant as variant

pytestmark = pytest.mark.django_db


def test_the_bundled_template_asks_the_reviews_questions_and_five_areas(framework):
    template = SurveyTemplate.objects.get(framework=framework, code=survey_world.TEMPLATE)
    assert sorted(q.code for q in template.questions.all()) == ["PQ1", "PQ2", "PQ3", "PQ4", "PQ5", "PQ6"]
    assert [point for point, _ in template.scale] == [1, 2, 3, 4, 5]
    assert template.confident_from == 4
    assert {code for code, _ in template.role_band_choices} >= {"frontline", "manager"}
    areas = list(template.areas.all())
    assert len(areas) == 5
    talking = template.areas.get(code="talking")
    assert [r.code for r in talking.recommendations.all()] == ["R5"]
    assert talking.confident_indicator == "I-R5-CONFIDENT"


def test_loading_again_changes_nothing(framework):
    before = snapshot()
    assert not load_framework(BUNDLED).changed
    assert snapshot() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.update(reflective_questions=["SQ1"]), "names unknown question for professionals 'SQ1'"),
        (lambda t: t.update(confidence_scale=["Low", "High"]), "needs 5 points"),
        (lambda t: t.update(confident_from=9), "field 'confident_from' must be a point of the scale"),
        (lambda t: t["areas"][0].update(confident_indicator="NOPE"), "names unknown indicator 'NOPE'"),
        (lambda t: t["role_bands"][0].pop("label"), "field 'label' is missing"),
    ],
)
def test_a_malformed_template_is_refused_naming_the_entry_and_field(framework, tmp_path, change, message):
    before = snapshot()
    with pytest.raises(FrameworkFileError) as refused:
        load_framework(variant(tmp_path, lambda data: change(data["survey_templates"][0])))
    assert "survey_templates entry 1 (PRACTITIONER-VOICE)" in str(refused.value)
    assert message in str(refused.value)
    assert snapshot() == before


def test_dropping_a_template_a_round_uses_refuses_the_whole_file(
    framework, partnership, personas, health_agency, tmp_path
):
    survey_world.survey_round(partnership, personas["lead"], [health_agency])
    before = snapshot()
    with pytest.raises(FrameworkFileError) as refused:
        load_framework(variant(tmp_path, lambda data: data["survey_templates"].pop()))
    assert "PRACTITIONER-VOICE is used by a survey round" in str(refused.value)
    assert snapshot() == before
