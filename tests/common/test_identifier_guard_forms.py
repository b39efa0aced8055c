"""Every guarded form: a possible identifier blocks the save and is shown with where it was found; the person
removes it, or confirms with a reason that goes into the history. Nothing is saved until then."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from partnerships.models import ActionItem, Attachment, Evidence
from scrutiny.models import Challenge, ChallengeStep, Judgement, QuestionResponse
from tests.support.builders import action_form_data, docx, evidence_form_data

NHS = "943 476 5919"
MASKED = "943 *** *919"
# Longer than simple-history's default 100-character change reason: kept whole, with its prefix.
REASON = (
    "It is the MASH duty line reference, not a person: the partnership's front door team publishes it "
    "on every leaflet, and the audit quotes it to show which service took the call"
)
P = "/partnerships/northmere"
NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)


@dataclass
class Guarded:
    persona: str
    url: Callable
    data: Callable  # (world, text) -> the form post
    place: str  # where the finding is said to be
    model: type  # whose history records the confirmation
    saved: Callable  # (text) -> whether the text was saved
    prefix: str = ""


def _action_data(world, text):
    return action_form_data(description=text, recommendations=["R6"], owner_agency=str(world["police"].pk))


def _due(prefix=""):
    return {f"{prefix}response_due_{i}": str(v) for i, v in enumerate(NEXT_MONTH.timetuple()[2::-1])}


FORMS = {
    "evidence_create": Guarded(
        "lead",
        lambda world: f"{P}/evidence/new/",
        lambda world, text: evidence_form_data(summary=text),
        "Summary",
        Evidence,
        lambda text: Evidence.objects.filter(summary=text).exists(),
    ),
    "evidence_edit": Guarded(
        "lead",
        lambda world: f"{P}/evidence/{world['police_evidence'].pk}/edit/",
        lambda world, text: evidence_form_data(title=text),
        "Title",
        Evidence,
        lambda text: Evidence.objects.filter(title=text).exists(),
    ),
    "judgement": Guarded(
        "scrutineer",
        lambda world: f"{P}/reviews/{world['review'].pk}/judgements/R6/",
        lambda world, text: {"version": str(world["judgement"].version), "level": "limited", "rationale": text},
        "Rationale",
        Judgement,
        lambda text: Judgement.objects.filter(rationale=text).exists(),
    ),
    "question_response": Guarded(
        "scrutineer",
        lambda world: f"{P}/reviews/{world['review'].pk}/questions/SQ1/",
        lambda world, text: {"version": "0", "scrutineer_note": text},
        "Scrutineer's note",
        QuestionResponse,
        lambda text: QuestionResponse.objects.filter(scrutineer_note=text).exists(),
    ),
    "challenge_raise": Guarded(
        "scrutineer",
        lambda world: f"{P}/challenges/new/",
        lambda world, text: {"text": text, "agency": "", "recommendations": [_r6(world).pk], **_due()},
        "Your challenge",
        Challenge,
        lambda text: Challenge.objects.filter(text=text).exists(),
    ),
    "challenge_respond": Guarded(
        "lead",
        lambda world: f"{P}/challenges/{world['health_challenge'].pk}/respond/",
        lambda world, text: {"respond-text": text},
        "Your response",
        Challenge,
        lambda text: ChallengeStep.objects.filter(text=text).exists(),
        prefix="respond-",
    ),
    "challenge_escalate": Guarded(
        "scrutineer",
        lambda world: f"{P}/challenges/{world['health_challenge'].pk}/escalate/",
        lambda world, text: {"escalate-text": text},
        "Why are you escalating it?",
        Challenge,
        lambda text: ChallengeStep.objects.filter(text=text).exists(),
        prefix="escalate-",
    ),
    "action_create": Guarded(
        "lead",
        lambda world: f"{P}/actions/new/",
        _action_data,
        "What is the action?",
        ActionItem,
        lambda text: ActionItem.objects.filter(description=text).exists(),
    ),
    "action_edit": Guarded(
        "lead",
        lambda world: f"{P}/actions/{world['police_action'].pk}/edit/",
        _action_data,
        "What is the action?",
        ActionItem,
        lambda text: ActionItem.objects.filter(description=text).exists(),
    ),
    "progress_update": Guarded(
        "lead",
        lambda world: f"{P}/actions/{world['police_action'].pk}/updates/",
        lambda world, text: {"note": text, "status": ""},
        "Progress note",
        ActionItem,
        lambda text: world_progress(text),
    ),
    "action_verify": Guarded(
        "scrutineer",
        lambda world: verify_url(world),
        lambda world, text: {"note": text, "version": str(completed_police_action(world).version)},
        "Why do you accept the action as done?",
        ActionItem,
        lambda text: ActionItem.objects.filter(verification_note=text).exists(),
    ),
}


def completed_police_action(world):
    """The police action, complete (with no evidence of completion), ready to be verified."""
    ActionItem.objects.filter(pk=world["police_action"].pk).update(status=ActionItem.Status.COMPLETE)
    return ActionItem.objects.get(pk=world["police_action"].pk)


def verify_url(world):
    return f"{P}/actions/{completed_police_action(world).pk}/verify/"


def world_progress(text):
    from partnerships.models import ProgressUpdate

    return ProgressUpdate.objects.filter(note=text).exists()


def _r6(world):
    return world["review"].partnership.framework.recommendations.get(code="R6")


def text_with_identifier():
    return f"The referral quoted NHS number {NHS} for the child."


def checked_digest(html, prefix):
    match = re.search(rf'name="{prefix}identifier_checked" value="([0-9a-f]+)"', html)
    assert match, "the form carries the digest of what it showed"
    return match.group(1)


def reasons(model):
    return [reason for reason in model.history.values_list("history_change_reason", flat=True) if reason]


@pytest.fixture(params=sorted(FORMS))
def guarded(request, client, personas, world):
    spec = FORMS[request.param]
    client.force_login(personas[spec.persona])
    return spec


def test_a_finding_blocks_the_save_and_says_what_and_where(client, world, guarded):
    text = text_with_identifier()
    response = client.post(guarded.url(world), guarded.data(world, text))
    assert response.status_code == 200
    html = response.content.decode()
    assert not guarded.saved(text)
    assert "There is a problem" in html
    assert "Remove what could identify a child or family, or confirm it is not about a child or family" in html
    assert "NHS number" in html and MASKED in html and guarded.place.replace("'", "&#x27;") in html
    # Shown whole only in the person's own text, in its box.
    assert NHS not in re.sub(r"<textarea.*?</textarea>|<input[^>]*>", "", html, flags=re.DOTALL)
    assert f'name="{guarded.prefix}identifier_confirmed"' in html
    assert f'name="{guarded.prefix}identifier_reason"' in html


def test_confirming_with_a_reason_saves_and_the_reason_is_in_history(client, world, guarded):
    text = text_with_identifier()
    first = client.post(guarded.url(world), guarded.data(world, text)).content.decode()
    p = guarded.prefix
    confirmation = {
        f"{p}identifier_checked": checked_digest(first, p),
        f"{p}identifier_confirmed": "on",
        f"{p}identifier_reason": REASON,
    }
    response = client.post(guarded.url(world), {**guarded.data(world, text), **confirmation})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert guarded.saved(text)
    assert any(f"1 possible identifier confirmed: {REASON}" in reason for reason in reasons(guarded.model))
    page = client.get(response["Location"]).content.decode()
    assert escape(f"1 possible identifier confirmed: {REASON}") in page


def test_confirming_without_a_reason_is_refused(client, world, guarded):
    text = text_with_identifier()
    first = client.post(guarded.url(world), guarded.data(world, text)).content.decode()
    p = guarded.prefix
    confirmation = {f"{p}identifier_checked": checked_digest(first, p), f"{p}identifier_confirmed": "on"}
    response = client.post(guarded.url(world), {**guarded.data(world, text), **confirmation})
    assert response.status_code == 200
    assert "Enter why they are not about a child or family" in response.content.decode()
    assert not guarded.saved(text)


def test_removing_the_identifier_saves_with_no_question(client, world, guarded):
    first = client.post(guarded.url(world), guarded.data(world, text_with_identifier())).content.decode()
    clean = "The referral was made the same day."
    p = guarded.prefix
    response = client.post(
        guarded.url(world), {**guarded.data(world, clean), f"{p}identifier_checked": checked_digest(first, p)}
    )
    assert response.status_code == 302
    assert guarded.saved(clean)
    assert not [reason for reason in reasons(guarded.model) if "identifier" in reason]


def test_a_confirmation_counts_only_for_what_it_was_shown(client, personas, world):
    client.force_login(personas["lead"])
    url = FORMS["evidence_create"].url(world)
    first = client.post(url, evidence_form_data(summary=text_with_identifier())).content.decode()
    changed = text_with_identifier() + " Carer: jo@example.org"
    response = client.post(
        url,
        evidence_form_data(
            summary=changed,
            identifier_checked=checked_digest(first, ""),
            identifier_confirmed="on",
            identifier_reason=REASON,
        ),
    )
    assert response.status_code == 200
    assert "has changed: check the list again" in response.content.decode()
    assert not Evidence.objects.filter(summary=changed).exists()


def test_identifier_in_a_docx_attachment_is_shown_and_the_file_kept(client, personas, world):
    client.force_login(personas["lead"])
    url = FORMS["evidence_create"].url(world)
    content = docx("Case file audit.", f"One file gave NHS number {NHS}.").getvalue()
    title = "Case file audit of strategy discussions"
    first = client.post(
        url, evidence_form_data(title=title, attachments=[SimpleUploadedFile("audit.docx", content)])
    ).content.decode()
    assert "audit.docx, paragraph 2" in first and MASKED in first
    assert "Kept from your last attempt: “audit.docx”" in first
    assert not Evidence.objects.filter(title=title).exists()
    assert not Attachment.objects.filter(original_name="audit.docx").exists()
    held = re.search(r'name="held_uploads" value="([^"]+)"', first).group(1)
    storage = Attachment._meta.get_field("file").storage
    pending_before = set(storage.listdir("pending")[1])

    # No file is posted again: the held one is used.
    response = client.post(
        url,
        evidence_form_data(
            title=title,
            held_uploads=held,
            identifier_checked=checked_digest(first, ""),
            identifier_confirmed="on",
            identifier_reason="A made-up number in the audit's example",
        ),
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(title=title)
    (attachment,) = evidence.attachments.all()
    assert attachment.original_name == "audit.docx"
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    assert len(pending_before - set(storage.listdir("pending")[1])) == 1  # the held copy is gone


def test_held_files_belong_to_the_person_they_were_held_for(client, personas, world):
    client.force_login(personas["lead"])
    url = FORMS["evidence_create"].url(world)
    content = docx(f"NHS number {NHS}.").getvalue()
    first = client.post(
        url, evidence_form_data(attachments=[SimpleUploadedFile("audit.docx", content)])
    ).content.decode()
    held = re.search(r'name="held_uploads" value="([^"]+)"', first).group(1)
    client.force_login(personas["scrutineer"])
    response = client.post(url, evidence_form_data(title="Someone else's", held_uploads=held))
    assert response.status_code == 302
    assert not Evidence.objects.get(title="Someone else's").attachments.exists()


def test_a_file_that_cannot_be_read_is_held_until_the_person_confirms_it(client, personas, world):
    from tests.support.builders import UNREADABLE_PDF

    client.force_login(personas["lead"])
    url = FORMS["evidence_create"].url(world)
    upload = SimpleUploadedFile("pathway.pdf", UNREADABLE_PDF)
    first = client.post(url, evidence_form_data(title="Pathway", attachments=[upload])).content.decode()
    assert "“pathway.pdf” could not be checked for identifiers" in first
    assert "A file that could not be checked" in first and "Nothing has been saved yet" in first
    assert not Evidence.objects.filter(title="Pathway").exists()

    held = re.search(r'name="held_uploads" value="([^"]+)"', first).group(1)
    checked = re.search(r'name="identifier_checked" value="([^"]+)"', first).group(1)
    reason = "I opened the file myself: it is the pathway leaflet, with no child or family in it"
    confirmed = evidence_form_data(
        title="Pathway",
        held_uploads=held,
        identifier_checked=checked,
        identifier_confirmed="on",
        identifier_reason=reason,
    )
    assert client.post(url, confirmed).status_code == 302
    evidence = Evidence.objects.get(title="Pathway")
    assert [a.original_name for a in evidence.attachments.all()] == ["pathway.pdf"]
    assert reason in evidence.history.first().history_change_reason
