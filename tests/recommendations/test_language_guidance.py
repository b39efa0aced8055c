"""Language guidance (recommendation 3, the inspection report, our own): a suggestion beside the text, never a block."""

import pytest
from django.utils.html import escape

from recommendations.language import suggestions_for
from recommendations.models import LanguageGuidance
from scrutiny.models import Judgement


@pytest.fixture
def rules(framework):
    return list(LanguageGuidance.objects.filter(framework=framework))


def test_every_phrase_in_the_framework_produces_its_suggestion(rules):
    assert len(rules) >= 5
    for rule in rules:
        for phrase in rule.phrases:
            found = suggestions_for(f"The outcome was {phrase.upper()} in the end.", rules)
            assert [s.code for s in found] == [rule.code], phrase
            assert found[0].suggestion == rule.suggestion


def test_no_further_action_suggests_no_further_police_action(rules):
    (found,) = suggestions_for("Police recorded NFA after the interview.", rules)
    assert found.phrase == "NFA"
    assert "no further police action at this time" in found.suggestion


@pytest.mark.parametrize("text", ["Staff were unaffected.", "A confirmation was sent", "nonconsensual", ""])
def test_words_that_only_contain_a_phrase_do_not_match(rules, text):
    assert suggestions_for(text, rules) == []


def test_suggestions_come_from_the_framework_file_not_code(rules):
    rule = rules[0]
    rule.phrases = ["hushed up"]
    assert [s.code for s in suggestions_for("It was hushed up.", [rule])] == [rule.code]


@pytest.mark.parametrize(
    "phrase", ["no further action", "NFA", "sexually active", "consented", "child prostitution", "promiscuous"]
)
def test_each_phrase_saves_and_the_saved_page_shows_the_suggestion(client, personas, world, rules, phrase):
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/"
    rationale = f"The case ended with {phrase} recorded."
    response = client.post(url, {"version": "0", "level": "limited", "rationale": rationale}, follow=True)
    assert Judgement.objects.get(pk=world["judgement"].pk).rationale == rationale
    page = response.content.decode()
    expected = next(r for r in rules if phrase.lower() in [p.lower() for p in r.phrases])
    saved_part = page.split('id="record-judgement"')[0]
    assert "Language guidance" in saved_part
    assert f"Instead of “{phrase}”: {escape(expected.suggestion)}" in saved_part

    # Rewording makes the suggestion go away.
    client.post(url, {"version": "1", "level": "limited", "rationale": "Police took no further action at this time."})
    client.post(url, {"version": "2", "level": "limited", "rationale": "Reworded with care."})
    page = client.get(url).content.decode().split('id="record-judgement"')[0]
    assert "app-language-suggestions" not in page


def test_form_marks_text_fields_for_guidance_as_you_type(client, personas, world):
    client.force_login(personas["scrutineer"])
    page = client.get(f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/").content.decode()
    assert page.count("data-language-guidance") == 3
    assert 'id="language-guidance-rules"' in page and "language-guidance.js" in page
