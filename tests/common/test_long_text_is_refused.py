"""Every free text people type has a limit that fits its purpose, held by the model field and enforced by each
form and service that writes it: text over it is refused with a GOV.UK message naming the field, nothing is
saved, and where people are likely to come near the limit the form counts the characters."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.html import escape

from scrutiny.models import Judgement
from tests.support.builders import action_form_data, evidence_form_data
from tests.support.fuzzing import database_state

P = "/partnerships/northmere"
NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)
DUE = {f"response_due_{i}": str(v) for i, v in enumerate(NEXT_MONTH.timetuple()[2::-1])}


def judgement_url(world):
    return f"{P}/reviews/{world['review'].pk}/judgements/R6/"


def test_a_100000_character_rationale_is_refused_naming_the_field_and_nothing_is_saved(client, personas, world):
    client.force_login(personas["scrutineer"])
    before = database_state()
    response = client.post(judgement_url(world), {"version": "0", "level": "limited", "rationale": "a" * 100_000})
    assert response.status_code == 200
    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert 'href="#id_rationale">Rationale must be 5,000 characters or fewer</a>' in summary
    assert html.count('class="govuk-error-message"') == 1  # the one fault, beside the field
    assert "Enter the rationale" not in html
    assert database_state() == before
    assert Judgement.objects.get(pk=world["judgement"].pk).rationale == ""


def test_the_judgement_form_counts_the_characters_of_each_text(client, personas, world):
    client.force_login(personas["scrutineer"])
    html = client.get(judgement_url(world)).content.decode()
    for limit in (5000, 3000, 3000):
        assert f'data-module="govuk-character-count" data-maxlength="{limit}"' in html
    assert html.count('data-module="govuk-character-count"') == 3


@dataclass
class Limited:
    persona: str
    url: Callable  # (world) -> the form's address
    data: Callable  # (world, text) -> the form post
    limit: int
    message: str
    at_limit_saves: bool = True


def _challenge(world, text):
    r6 = world["review"].partnership.framework.recommendations.get(code="R6")
    return {"text": text, "agency": "", "recommendations": [r6.pk], **DUE}


LIMITED = {
    "judgement rationale": Limited(
        "scrutineer",
        judgement_url,
        lambda world, text: {"version": "0", "level": "limited", "rationale": text},
        5000,
        "Rationale must be 5,000 characters or fewer",
    ),
    "judgement strengths": Limited(
        "scrutineer",
        judgement_url,
        lambda world, text: {"version": "0", "level": "limited", "rationale": "Audited", "strengths": text},
        3000,
        "Strengths must be 3,000 characters or fewer",
    ),
    "judgement areas for improvement": Limited(
        "scrutineer",
        judgement_url,
        lambda world, text: {"version": "0", "level": "limited", "rationale": "Audited", "areas_for_improvement": text},
        3000,
        "Areas for improvement must be 3,000 characters or fewer",
    ),
    "question partnership response": Limited(
        "scrutineer",
        lambda world: f"{P}/reviews/{world['review'].pk}/questions/SQ1/",
        lambda world, text: {"version": "0", "partnership_response": text},
        5000,
        "The partnership's response must be 5,000 characters or fewer",
    ),
    "question scrutineer note": Limited(
        "scrutineer",
        lambda world: f"{P}/reviews/{world['review'].pk}/questions/SQ1/",
        lambda world, text: {"version": "0", "scrutineer_note": text},
        3000,
        "Scrutineer's note must be 3,000 characters or fewer",
    ),
    "evidence title": Limited(
        "lead",
        lambda world: f"{P}/evidence/new/",
        lambda world, text: evidence_form_data(title=text),
        200,
        "Title must be 200 characters or fewer",
    ),
    "evidence summary": Limited(
        "lead",
        lambda world: f"{P}/evidence/{world['police_evidence'].pk}/edit/",
        lambda world, text: evidence_form_data(summary=text),
        5000,
        "Summary must be 5,000 characters or fewer",
    ),
    "evidence links": Limited(
        "lead",
        lambda world: f"{P}/evidence/new/",
        lambda world, text: evidence_form_data(links=f"https://example.org/{text}"),
        5000 - len("https://example.org/"),
        "Web links must be 5,000 characters or fewer",
        at_limit_saves=False,  # one link that long is not a web address
    ),
    "evidence withdrawal reason": Limited(
        "lead",
        lambda world: f"{P}/evidence/{world['police_evidence'].pk}/withdraw/",
        lambda world, text: {"reason": text},
        2000,
        "Reason must be 2,000 characters or fewer",
    ),
    "action description": Limited(
        "lead",
        lambda world: f"{P}/actions/new/",
        lambda world, text: action_form_data(description=text, owner_agency=str(world["police"].pk)),
        5000,
        "Description must be 5,000 characters or fewer",
    ),
    "action named lead": Limited(
        "lead",
        lambda world: f"{P}/actions/{world['police_action'].pk}/edit/",
        lambda world, text: action_form_data(lead_name=text, owner_agency=str(world["police"].pk)),
        200,
        "Named lead must be 200 characters or fewer",
    ),
    "progress note": Limited(
        "lead",
        lambda world: f"{P}/actions/{world['police_action'].pk}/updates/",
        lambda world, text: {"note": text, "status": ""},
        5000,
        "Progress note must be 5,000 characters or fewer",
    ),
    "challenge": Limited(
        "scrutineer",
        lambda world: f"{P}/challenges/new/",
        _challenge,
        5000,
        "Your challenge must be 5,000 characters or fewer",
    ),
    "challenge response": Limited(
        "lead",
        lambda world: f"{P}/challenges/{world['health_challenge'].pk}/respond/",
        lambda world, text: {"respond-text": text},
        5000,
        "Your response must be 5,000 characters or fewer",
    ),
    "challenge escalation": Limited(
        "scrutineer",
        lambda world: f"{P}/challenges/{world['health_challenge'].pk}/escalate/",
        lambda world, text: {"escalate-text": text},
        5000,
        "Why are you escalating it must be 5,000 characters or fewer",
    ),
}


@pytest.mark.parametrize("case", LIMITED.values(), ids=LIMITED.keys())
def test_text_over_its_limit_is_refused_with_a_message_naming_the_field(client, personas, world, case):
    client.force_login(personas[case.persona])
    before = database_state()
    response = client.post(case.url(world), case.data(world, "a" * (case.limit + 1)))
    assert response.status_code == 200
    html = response.content.decode()
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert escape(case.message) in summary
    assert database_state() == before

    if case.at_limit_saves:
        response = client.post(case.url(world), case.data(world, "a" * case.limit))
        assert response.status_code == 302, "text at the limit is saved"


# What people type, by model field, and its limit. Text the code writes itself is not here.
MODEL_LIMITS = {
    "partnerships.Evidence.summary": 5000,
    "partnerships.Evidence.withdrawal_reason": 2000,
    "partnerships.ActionItem.description": 5000,
    "partnerships.ProgressUpdate.note": 5000,
    "partnerships.ActionItem.verification_note": 2000,
    "scrutiny.Judgement.rationale": 5000,
    "scrutiny.Judgement.strengths": 3000,
    "scrutiny.Judgement.areas_for_improvement": 3000,
    "scrutiny.QuestionResponse.partnership_response": 5000,
    "scrutiny.QuestionResponse.scrutineer_note": 3000,
    "scrutiny.Challenge.text": 5000,
    "scrutiny.ChallengeStep.text": 5000,
}
WRITTEN_BY_CODE = {"scrutiny.Report.failure_reason"}


@pytest.mark.parametrize(("name", "limit"), MODEL_LIMITS.items())
def test_each_free_text_field_is_limited_at_the_model(name, limit):
    app_model, field = name.rsplit(".", 1)
    assert apps.get_model(app_model)._meta.get_field(field).max_length == limit


def test_no_text_field_of_partnerships_or_scrutiny_is_left_without_a_limit():
    unlimited = {
        f"{model._meta.label}.{field.name}"
        for app in ("partnerships", "scrutiny")
        for model in apps.get_app_config(app).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField | models.CharField) and field.max_length is None
    }
    assert unlimited == WRITTEN_BY_CODE
