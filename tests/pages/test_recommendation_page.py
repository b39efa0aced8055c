from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from recommendations.models import Recommendation


def page(client, user, code):
    client.force_login(user)
    response = client.get(f"/partnerships/northmere/recommendations/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_shows_every_paragraph_of_the_full_text(client, personas):
    html = page(client, personas["viewer"], "R3")
    r3 = Recommendation.objects.get(code="R3")
    assert len(r3.paragraphs) == 4
    for paragraph in r3.paragraphs:
        assert escape(paragraph) in html
    assert escape("The term 'no further police action at this time' is more appropriate.") in html


def test_shows_scrutineer_and_professional_questions_with_how_they_are_linked(client, personas):
    html = page(client, personas["scrutineer"], "R6")
    assert escape("Are there clear pathways for health assessments (including forensic medical referrals") in html
    assert "linked to this recommendation by the Panel" in html
    assert escape("This links to recommendation 6 on health pathways.") in html
    # SQ10 (therapeutic services) is linked to R6 by subject only
    assert "What therapeutic services are available to support the victims of child sexual abuse?" in html
    assert "by subject (our reading, not the Panel's)" in html


def test_shows_the_prompt_apart_from_the_question(client, personas):
    html = page(client, personas["lead"], "R1")
    question = "At a strategic leader level, has the partnership considered the findings of the review"
    prompt = "Prompt leaders to reflect on whether the review has informed their strategic planning"
    assert question in html and prompt in html
    assert html.index(question) < html.index(prompt)


def test_shows_themes_and_needed_agencies(client, personas):
    html = page(client, personas["contributor"], "R4")
    assert "Inspection themes" in html and "Prevention" in html and "Protection" in html
    assert "Probation" in html and "Police" in html


def test_recommendation_page_query_count_is_fixed(client, personas):
    client.force_login(personas["lead"])
    counts = []
    for code in ["R1", "R2", "R5"]:
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/partnerships/northmere/recommendations/{code}/")
        counts.append(len(queries))
    assert len(set(counts)) == 1
