"""Issue 12, item 6: the language checker suggests other words where misleading language is used,
and stays quiet on correct practice: consent to a referral or to sharing information, the
recommended wording, and a term quoted to retire it. The rules are the framework file's."""

import pytest

from recommendations.language import suggestions_for
from recommendations.models import LanguageGuidance
from tests.support.language_corpus import MUST_NOT_SUGGEST, MUST_SUGGEST


@pytest.fixture
def rules(framework):
    return list(LanguageGuidance.objects.filter(framework=framework))


def test_the_corpus_is_at_least_forty_sentences_half_of_each_kind():
    assert len(MUST_SUGGEST) >= 20 and len(MUST_NOT_SUGGEST) >= 20
    assert len(set(MUST_NOT_SUGGEST)) == len(MUST_NOT_SUGGEST)
    assert len({text for text, _ in MUST_SUGGEST}) == len(MUST_SUGGEST)


@pytest.mark.parametrize(("text", "code"), MUST_SUGGEST)
def test_misleading_language_brings_its_suggestion(rules, text, code):
    assert code in [found.code for found in suggestions_for(text, rules)]


@pytest.mark.parametrize("text", MUST_NOT_SUGGEST)
def test_correct_practice_brings_no_suggestion(rules, text):
    assert suggestions_for(text, rules) == []


def test_the_exceptions_are_the_framework_files_not_the_codes(rules):
    consent = next(rule for rule in rules if rule.code == "consent")
    text = "The non-abusing parent consented to the referral."
    assert suggestions_for(text, [consent]) == []
    consent.not_before = []
    assert [found.code for found in suggestions_for(text, [consent])] == ["consent"]
