"""A malformed framework file is refused whole, with a message naming the entry and field, and loads nothing."""

import copy

import pytest
import yaml
from django.core.management import CommandError, call_command

from recommendations.loader import FrameworkFileError, load_framework
from recommendations.models import Framework
from tests.support.builders import BUNDLED_FRAMEWORK_FILE as BUNDLED
from tests.support.builders import framework_snapshot as snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_frameworks")]


def recommendation_without_title(data):
    del data["recommendations"][1]["title"]


def link_to_unknown_recommendation(data):
    data["questions"][0]["links"] = [{"recommendation": "R9", "inferred": True}]


def duplicate_recommendation_code(data):
    data["recommendations"].append(copy.deepcopy(data["recommendations"][1]))


def duplicate_question_code(data):
    data["questions"].append(copy.deepcopy(data["questions"][0]))


def unknown_theme_on_recommendation(data):
    data["recommendations"][0]["themes"].append("resilience")


def unknown_agency_type(data):
    data["recommendations"][0]["needed_agency_types"].append("fire_service")


def unknown_field_on_question(data):
    data["questions"][0]["colour"] = "red"


def wrong_audience(data):
    data["questions"][10]["audience"] = "parents"


def missing_publisher(data):
    del data["publisher"]


def paragraph_with_a_blank_line(data):
    data["recommendations"][2]["paragraphs"][0] += "\n\nA second paragraph hidden inside the first."


def guidance_source_unknown(data):
    data["language_guidance"][1]["source"] = "bbc-2019"


def guidance_without_source(data):
    del data["language_guidance"][0]["source"]


def guidance_from_a_document_without_its_words(data):
    del data["language_guidance"][0]["quote"]


def own_guidance_quoting_no_document(data):
    del data["language_guidance"][2]["based_on"]


def guidance_exception_not_text(data):
    data["language_guidance"][2]["not_before"] = ["to the referral", 3]


def unknown_field_in_language_mentions(data):
    data["language_mentions"]["unless"] = ["the term"]


def source_declared_as_own(data):
    data["sources"].append({"code": "own", "title": "Ours"})


def indicator_in_an_unknown_unit(data):
    data["indicators"][0]["unit"] = "per 100"


def indicator_without_a_direction(data):
    data["indicators"][1]["better"] = "up"


def indicator_of_an_unknown_recommendation(data):
    data["indicators"][2]["recommendations"] = ["R3", "R12"]


def indicator_entered_by_an_unknown_agency_type(data):
    data["indicators"][3]["agency_types"] = ["fire_service"]


def indicator_without_a_definition(data):
    del data["indicators"][4]["definition"]


def not_yaml_at_all(data):
    return "code: [csa\ntitle: {unclosed\n  - : :\n"


CASES = [
    # how the good file is spoiled, then what the refusal must say
    (recommendation_without_title, ["recommendations entry 2 (R2)", "'title'", "missing"]),
    (link_to_unknown_recommendation, ["questions entry 1 (SQ1)", "'links'", "'R9'"]),
    (duplicate_recommendation_code, ["recommendations entry 7 (R2)", "'code'", "repeats"]),
    (duplicate_question_code, ["questions entry 17 (SQ1)", "'code'", "repeats"]),
    (unknown_theme_on_recommendation, ["recommendations entry 1 (R1)", "'themes'", "'resilience'"]),
    (unknown_agency_type, ["recommendations entry 1 (R1)", "'needed_agency_types'", "'fire_service'"]),
    (unknown_field_on_question, ["questions entry 1 (SQ1)", "'colour'", "not a known field"]),
    (wrong_audience, ["questions entry 11 (PQ1)", "'audience'", "must be one of"]),
    (paragraph_with_a_blank_line, ["recommendations entry 3 (R3)", "'paragraphs'", "blank line"]),
    (not_yaml_at_all, ["is not valid YAML"]),
    (missing_publisher, ["framework:", "'publisher'", "missing"]),
    (guidance_source_unknown, ["language_guidance entry 2 (sexually-active)", "'source'", "'bbc-2019'"]),
    (guidance_without_source, ["language_guidance entry 1 (no-further-action)", "'source'", "missing"]),
    (guidance_from_a_document_without_its_words, ["language_guidance entry 1 (no-further-action)", "'quote'"]),
    (own_guidance_quoting_no_document, ["language_guidance entry 3 (consent)", "'quote'", "'based_on'"]),
    (guidance_exception_not_text, ["language_guidance entry 3 (consent)", "'not_before'", "non-empty texts"]),
    (unknown_field_in_language_mentions, ["'language_mentions'", "'unless'"]),
    (source_declared_as_own, ["sources entry 3 (own)", "'own'"]),
    (indicator_in_an_unknown_unit, ["indicators entry 1 (I-R2-TRAINED)", "'unit'", "must be one of"]),
    (indicator_without_a_direction, ["indicators entry 2 (I-R2-ABE)", "'better'", "higher, lower"]),
    (indicator_of_an_unknown_recommendation, ["indicators entry 3 (I-R3-CPP-SA)", "'recommendations'", "'R12'"]),
    (indicator_entered_by_an_unknown_agency_type, ["indicators entry 4", "'agency_types'", "'fire_service'"]),
    (indicator_without_a_definition, ["indicators entry 5 (I-R3-S47-MULTI)", "'definition'", "missing"]),
]


def write_variant(tmp_path, variant):
    """The bundled file spoiled by `variant`, which edits the data in place or returns raw text instead."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    text = variant(data) or yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path = tmp_path / "malformed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("preloaded", [False, True], ids=["empty-db", "good-file-loaded"])
@pytest.mark.parametrize(("variant", "expected"), CASES, ids=[variant.__name__ for variant, _ in CASES])
def test_malformed_file_is_refused_and_database_is_untouched(tmp_path, variant, expected, preloaded):
    if preloaded:
        load_framework(BUNDLED)
    before = snapshot()
    path = write_variant(tmp_path, variant)

    with pytest.raises(FrameworkFileError) as refused:
        load_framework(path)

    message = str(refused.value)
    assert "nothing was loaded" in message
    for fragment in expected:
        assert fragment in message, (fragment, message)
    assert snapshot() == before


def test_command_on_malformed_file_says_nothing_was_loaded_and_names_the_field(tmp_path):
    path = write_variant(tmp_path, recommendation_without_title)
    with pytest.raises(CommandError) as refused:
        call_command("load_framework", str(path))
    assert "nothing was loaded" in str(refused.value)
    assert "recommendations entry 2 (R2): field 'title' is missing" in str(refused.value)
    assert Framework.objects.count() == 0


def test_one_mistake_is_reported_once_not_again_at_every_link_to_it(tmp_path):
    path = write_variant(tmp_path, recommendation_without_title)
    with pytest.raises(FrameworkFileError) as refused:
        load_framework(path)
    assert refused.value.problems == ["recommendations entry 2 (R2): field 'title' is missing"]
