"""The bundled framework, once loaded, holds the Panel's words exactly as the source documents print them."""

import datetime
import re

import pytest

from recommendations.loader import FRAMEWORKS_DIR, load_framework
from recommendations.models import (
    Framework,
    LanguageGuidance,
    NationalRecommendation,
    QuestionLink,
    Recommendation,
    ReflectiveQuestion,
    Theme,
)
from tests.support.paths import DATA

SEEDS = DATA / "seeds"
BUNDLED = FRAMEWORKS_DIR / "csa-family-environment-2024.yaml"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_frameworks")]


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def seed(name):
    return norm((SEEDS / name).read_text(encoding="utf-8"))


PROFESSIONALS = seed("professionals-briefing-2024-11.txt")
SCRUTINEER = seed("scrutineer-briefing-2026-03.txt")
JTAI = seed("jtai-2020-02.txt")


def key_messages_section():
    start = PROFESSIONALS.index("Key messages for Safeguarding Partners")
    end = PROFESSIONALS.index("How can we change nationally?", start)
    return PROFESSIONALS[start:end]


@pytest.fixture
def bundled_framework():
    return load_framework(BUNDLED).framework


def test_framework_records_title_publisher_and_date(bundled_framework):
    framework = Framework.objects.get(pk=bundled_framework.pk)
    assert framework.title == "I wanted them all to notice"
    assert framework.publisher == "Child Safeguarding Practice Review Panel"
    assert framework.published == datetime.date(2024, 11, 1)


def test_six_recommendations_whose_title_and_paragraphs_are_in_the_professionals_briefing(bundled_framework):
    recommendations = list(Recommendation.objects.filter(framework=bundled_framework).order_by("position"))
    assert [r.code for r in recommendations] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    for recommendation in recommendations:
        assert norm(recommendation.title) in PROFESSIONALS
        for paragraph in recommendation.paragraphs:
            assert norm(paragraph) in PROFESSIONALS, (recommendation.code, paragraph)


def test_each_recommendation_holds_the_whole_text_under_its_heading(bundled_framework):
    section = key_messages_section()
    recommendations = list(Recommendation.objects.filter(framework=bundled_framework).order_by("position"))
    headings = [f"Recommendation {n}: {r.title}" for n, r in enumerate(recommendations, start=1)]
    for n, recommendation in enumerate(recommendations):
        start = section.index(headings[n]) + len(headings[n])
        end = section.index(headings[n + 1]) if n + 1 < len(headings) else len(section)
        assert norm(" ".join(recommendation.paragraphs)) == section[start:end].strip(), recommendation.code


def test_r3_keeps_no_further_police_action_at_this_time(bundled_framework):
    r3 = Recommendation.objects.get(framework=bundled_framework, code="R3")
    assert "no further police action at this time" in r3.text


def test_ten_scrutineer_questions_in_the_scrutineer_briefing_in_order(bundled_framework):
    questions = list(
        ReflectiveQuestion.objects.filter(framework=bundled_framework, audience="scrutineer").order_by("position")
    )
    assert [q.code for q in questions] == [f"SQ{n}" for n in range(1, 11)]
    positions = [SCRUTINEER.find(norm(q.text)) for q in questions]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_scrutineer_prompts_and_source_notes_are_in_the_scrutineer_briefing(bundled_framework):
    questions = ReflectiveQuestion.objects.filter(framework=bundled_framework, audience="scrutineer")
    notes = [q.prompt for q in questions if q.prompt] + [q.source_note for q in questions if q.source_note]
    assert len(notes) == 4
    for note in notes:
        # Stored without their brackets: the text inside them, word for word.
        assert f"({norm(note)})" in SCRUTINEER, note


def test_six_practitioner_questions_in_the_professionals_briefing(bundled_framework):
    questions = list(
        ReflectiveQuestion.objects.filter(framework=bundled_framework, audience="practitioner").order_by("position")
    )
    assert [q.code for q in questions] == [f"PQ{n}" for n in range(1, 7)]
    for question in questions:
        assert norm(question.text) in PROFESSIONALS, question.code


def test_only_the_three_links_the_panel_states_are_not_inferred(bundled_framework):
    links = QuestionLink.objects.filter(question__framework=bundled_framework)
    stated = {(link.question.code, link.recommendation.code) for link in links if not link.inferred}
    assert stated == {("SQ2", "R1"), ("SQ5", "R2"), ("SQ9", "R6")}
    assert links.filter(inferred=True).count() == links.count() - 3


def test_ten_national_recommendations(bundled_framework):
    national = NationalRecommendation.objects.filter(framework=bundled_framework).order_by("position")
    assert [n.code for n in national] == [f"N{n}" for n in range(1, 11)]
    for recommendation in national:
        assert norm(recommendation.text) in PROFESSIONALS, recommendation.code


def test_four_inspection_themes_and_four_practice_issues(bundled_framework):
    themes = Theme.objects.filter(framework=bundled_framework)
    inspection = {t.code for t in themes.filter(kind=Theme.Kind.INSPECTION_THEME)}
    assert inspection == {"prevention", "identification", "protection", "support"}
    issues = themes.filter(kind=Theme.Kind.PRACTICE_ISSUE)
    assert issues.count() == 4
    for issue in issues:
        assert norm(issue.title) in SCRUTINEER, issue.code


def test_language_guidance_quotes_are_word_for_word_in_the_document_they_name(bundled_framework):
    documents = {"review": PROFESSIONALS + " " + SCRUTINEER, "jtai-2020": JTAI}
    guidance = list(LanguageGuidance.objects.filter(framework=bundled_framework))
    assert guidance and all(entry.quote for entry in guidance)
    for entry in guidance:
        document = "jtai-2020" if entry.is_own else entry.source
        assert entry.source in ("review", "jtai-2020", "own"), entry.code
        assert norm(entry.quote) in documents[document], entry.code


def test_no_language_guidance_phrase_but_no_further_action_is_in_the_review(bundled_framework):
    review = (PROFESSIONALS + " " + SCRUTINEER).lower()
    for entry in LanguageGuidance.objects.filter(framework=bundled_framework):
        in_review = [phrase for phrase in entry.phrases if f"'{phrase.lower()}'" in review]
        assert bool(in_review) == (entry.source == "review"), entry.code
