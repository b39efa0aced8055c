"""Issue 12, item 5: every language guidance entry names its real source, on the page, in the
browser's rules and in the report. Only "no further action" / "NFA" is the review's
(recommendation 3); the inspection report's guidance says so, and so does our own."""

import pytest
from django.utils.html import escape

from recommendations.language import language_context
from recommendations.models import LanguageGuidance
from scrutiny.models import Report
from scrutiny.report_build import render_html

OWN = "this service's own guidance, not the review's"


@pytest.fixture
def rules(framework):
    return list(LanguageGuidance.objects.filter(framework=framework))


def test_only_no_further_action_is_attributed_to_the_review(rules):
    from_review = [rule for rule in rules if rule.source == "review"]
    assert [rule.code for rule in from_review] == ["no-further-action"]
    (nfa,) = from_review
    assert nfa.source_where == "recommendation 3"
    assert nfa.attribution.startswith('Source: the Panel\'s national review "I wanted them all to notice"')
    assert "'no further police action at this time' is more appropriate" in nfa.attribution


def test_sexually_active_is_attributed_to_the_inspection_report_with_its_words(rules):
    rule = next(rule for rule in rules if rule.code == "sexually-active")
    assert rule.source == "jtai-2020" and not rule.is_own
    assert "joint targeted area inspection report" in rule.attribution
    assert "a young adolescent was 'sexually active'" in rule.attribution
    assert "review" not in rule.attribution.split("inspection report")[0]


@pytest.mark.parametrize("code", ["consent", "child-prostitution", "promiscuous"])
def test_guidance_the_sources_do_not_give_says_it_is_our_own(rules, code):
    rule = next(rule for rule in rules if rule.code == code)
    assert rule.is_own
    assert rule.attribution.startswith(f"Source: {OWN}.")
    # It may say what it draws on, in that document's own words.
    assert "joint targeted area inspection report" in rule.attribution
    assert "minimise" in rule.quote


@pytest.mark.parametrize(
    "code", ["no-further-action", "sexually-active", "consent", "child-prostitution", "promiscuous"]
)
def test_every_entry_shows_its_source_beside_its_suggestion_on_the_page(client, personas, world, rules, code):
    rule = next(rule for rule in rules if rule.code == code)
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/"
    rationale = f"The case notes say {rule.phrases[0]} more than once."
    page = client.post(url, {"version": "0", "level": "limited", "rationale": rationale}, follow=True)
    saved_part = page.content.decode().split('id="record-judgement"')[0]
    assert f"Instead of “{rule.phrases[0]}”: {escape(rule.suggestion)}" in saved_part
    assert escape(rule.attribution) in saved_part
    assert "Language guidance from the review" not in saved_part


def test_the_browser_receives_each_entrys_source_with_its_rules(framework):
    for rule in language_context(framework)["language_rules_json"]:
        entry = LanguageGuidance.objects.get(framework=framework, code=rule["code"])
        assert rule["attribution"] == entry.attribution


def test_the_report_language_note_gives_every_entry_its_source(world, personas, rules):
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    note = render_html(report).split('id="language"')[1]
    assert '<th scope="col">Source</th>' in note
    for rule in rules:
        label = rule.source_label[0].upper() + rule.source_label[1:]
        assert f"<td>{escape(label)}</td>" in note, rule.code
    assert "The review asks professionals to choose words that do not minimise" not in note
