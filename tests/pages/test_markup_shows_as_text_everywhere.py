"""Markup or script typed into any text field is shown as text on every page that shows it, never run."""

import pytest

from scrutiny.models import ChallengeStep, QuestionResponse

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def poisoned(world, personas, partnership):
    partnership.area = PAYLOAD
    partnership.save()
    world["police"].name = f"Police {PAYLOAD}"
    world["police"].save()
    review = world["review"]
    review.title = f"Review {PAYLOAD}"
    review.save()
    evidence = world["police_evidence"]
    evidence.title, evidence.summary = f"Title {PAYLOAD}", f"Summary {PAYLOAD}"
    evidence.links = [f"https://example.org/?q={PAYLOAD}"]
    evidence.save()
    attachment = world["attachment"]
    attachment.original_name = f"{PAYLOAD}.pdf"
    attachment.save()
    judgement = world["judgement"]
    judgement.level = "limited"
    judgement.rationale = judgement.strengths = judgement.areas_for_improvement = f"Judged {PAYLOAD}"
    judgement.save()
    judgement.evidence.add(evidence)
    QuestionResponse.objects.create(
        review=review,
        question=judgement.recommendation.questions.get(code="SQ9"),
        partnership_response=f"Response {PAYLOAD}",
        scrutineer_note=f"Note {PAYLOAD}",
    )
    action = world["police_action"]
    action.description, action.lead_name = f"Action {PAYLOAD}", f"Lead {PAYLOAD}"
    action.save()
    action.updates.create(author=personas["lead"], note=f"Update {PAYLOAD}")
    challenge = world["police_challenge"]
    challenge.text = f"Challenge {PAYLOAD}"
    challenge.save()
    ChallengeStep.objects.create(challenge=challenge, kind="response", text=f"Answer {PAYLOAD}", by=personas["lead"])
    return world


PAGES = [
    "/",
    "/partnerships/northmere/",
    "/partnerships/northmere/recommendations/R6/",
    "/partnerships/northmere/evidence/",
    "/partnerships/northmere/evidence/{police_evidence}/",
    "/partnerships/northmere/evidence/{health_evidence}/",
    "/partnerships/northmere/evidence/{police_evidence}/edit/",
    "/partnerships/northmere/reviews/",
    "/partnerships/northmere/reviews/{review}/",
    "/partnerships/northmere/reviews/{review}/judgements/R6/",
    "/partnerships/northmere/reviews/{review}/questions/SQ9/",
    "/partnerships/northmere/challenges/",
    "/partnerships/northmere/challenges/{police_challenge}/",
    "/partnerships/northmere/actions/",
    "/partnerships/northmere/actions/{police_action}/",
    "/partnerships/northmere/agencies/",
]


@pytest.mark.parametrize("url", PAGES)
def test_payload_is_escaped(client, personas, poisoned, url):
    client.force_login(personas["scrutineer"])
    response = client.get(url.format(**{name: obj.pk for name, obj in poisoned.items()}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page, "the page should show the payload, escaped"


def test_history_shows_payload_as_text(client, personas, poisoned):
    client.force_login(personas["scrutineer"])
    page = client.get(f"/partnerships/northmere/reviews/{poisoned['review'].pk}/").content.decode()
    history = page.split('id="history"')[1]
    assert ESCAPED in history and PAYLOAD not in history


def test_held_upload_name_is_escaped_when_the_form_comes_back(client, personas, world):
    """The evidence form shown again for the identifier question names the files it kept: as text."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.builders import docx, evidence_form_data

    client.force_login(personas["lead"])
    # A "/" would be cut by the upload handler as a path, so the name carries markup without one.
    upload = SimpleUploadedFile("<img src=x onerror=alert(1)>.docx", docx("NHS number 943 476 5919.").getvalue())
    page = client.post(
        "/partnerships/northmere/evidence/new/", evidence_form_data(attachments=[upload])
    ).content.decode()
    assert "Kept from your last attempt: “" in page, "the form should come back with the file kept"
    assert "<img src=x" not in page
    assert "“&lt;img src=x onerror=alert(1)&gt;.docx”" in page
