"""One anonymous answer to a survey round, given through an agency's link (pages/views/survey_answers.py).

Anyone holding a live link may answer while its round is open: no account, nothing of who they are. The answer
keeps the person's agency type and role band, a confidence point and whether they were trained for each of the
template's areas, and their free text to the reflective questions they chose to answer; never the link (so not
the agency that sent it), an address, a user or a time. The rows are written with bulk_create on purpose: the
free text's history would otherwise record the moment each answer was given.

Every rule is checked here again, whatever the form said: the link live, the round open, every area answered on
the scale, the agency type and role band from their fixed lists, each text within ANSWER_LIMIT, free of control
characters and of anything common/identifiers.py takes for an identifier. An anonymous person cannot confirm that
an identifier is not about a child or family, as members do: such text is refused, to be removed.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from common.identifiers import find_identifiers
from common.limits import too_long
from common.text import has_control_characters
from recommendations.models import AgencyType
from surveys.models import ANSWER_LIMIT, AreaAnswer, SurveyLink, SurveyResponse, SurveyRound, TextAnswer

AGENCY_TYPE_REQUIRED = "Select the type of agency you work for"
ROLE_BAND_REQUIRED = "Select the role that best describes yours"
AGENCY_TYPES = AgencyType  # the fixed list a person chooses from

# What an identifier is called in a sentence, with its article.
_IDENTIFIER_WORDS = {
    "NHS number": "an NHS number",
    "Date of birth": "a date of birth",
    "Postcode": "a postcode",
    "Phone number": "a phone number",
    "Email address": "an email address",
}


class RoundNotOpen(ValidationError):
    """The round is not taking answers (not yet open, past its closing day, or closed early): nothing was saved."""


@dataclass(frozen=True)
class AreaChoice:
    confidence: int
    trained: bool


def confidence_field(area) -> str:
    return f"confidence_{area.code}"


def trained_field(area) -> str:
    return f"trained_{area.code}"


def text_field(question) -> str:
    return f"answer_{question.code}"


def live_link(token: str) -> SurveyLink | None:
    """The link with this token, unless it is revoked; with its round, template and partnership (one query)."""
    return (
        SurveyLink.objects.select_related("round__template", "round__partnership")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )


def _day(value) -> str:
    return date_format(value, "j F Y")


def not_yet_open(survey_round: SurveyRound, today=None) -> bool:
    return survey_round.closed_at is None and (today or timezone.localdate()) < survey_round.opens_on


def not_open_reason(survey_round: SurveyRound, today=None) -> str | None:
    """Why the round takes no answers now, with its dates, for the person holding the link; None while it is open."""
    today = today or timezone.localdate()
    if survey_round.closed_at is not None:
        return f"This survey closed on {_day(timezone.localdate(survey_round.closed_at))}"
    if today < survey_round.opens_on:
        return (
            f"This survey is not open yet. It opens on {_day(survey_round.opens_on)} "
            f"and closes at the end of {_day(survey_round.closes_on)}"
        )
    if today > survey_round.closes_on:
        return f"This survey closed at the end of {_day(survey_round.closes_on)}"
    return None


def question_place(number: int) -> str:
    return f"Your answer to question {number}"


def control_characters_message(number: int) -> str:
    return f"{question_place(number)} contains hidden control characters: type it again, or paste it as plain text"


def too_long_message(number: int) -> str:
    return too_long(question_place(number), ANSWER_LIMIT)


def text_refusal(number: int, text: str) -> str | None:
    """Why the free text answering question `number` cannot be kept, or None. What looks like an identifier is
    named by its kind and shown masked (Finding.masked), never whole."""
    if has_control_characters(text):
        return control_characters_message(number)
    if len(text) > ANSWER_LIMIT:
        return too_long_message(number)
    findings = find_identifiers(text, question_place(number))
    if not findings:
        return None
    named = [f"{_IDENTIFIER_WORDS.get(finding.kind, finding.kind.lower())} ({finding.masked})" for finding in findings]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"{question_place(number)} looks like it contains {listed}. Remove it, and anything else that could "
        "identify a child, a family or a colleague, then send your answers again"
    )


def record_answer(
    *,
    link: SurveyLink,
    agency_type: str,
    role_band: str,
    areas: dict[str, AreaChoice],
    texts: dict[str, str],
    today=None,
) -> None:
    """Save one person's answer through `link`: `areas` by area code, `texts` by question code (blank ones are not
    kept). All of it or nothing: a ValidationError keyed by the form's field names (RoundNotOpen when the round
    takes no answers, or the link was revoked meanwhile). Returns nothing: there is nothing to come back to."""
    with transaction.atomic():
        # The link's row lock orders this answer against its revocation and its round's closing (surveys/rounds.py).
        current = (
            SurveyLink.objects.select_for_update(of=("self",))
            .select_related("round__template")
            .filter(pk=link.pk, revoked_at__isnull=True)
            .first()
        )
        if current is None:
            raise RoundNotOpen("This link no longer works: ask whoever sent it to you for a new one")
        survey_round = current.round
        reason = not_open_reason(survey_round, today)
        if reason:
            raise RoundNotOpen(reason)
        template = survey_round.template
        template_areas = list(template.areas.all())
        questions = list(template.questions.order_by("position"))
        errors = _refusals(template, template_areas, questions, agency_type, role_band, areas, texts)
        if errors:
            raise ValidationError(errors)
        response = SurveyResponse.objects.create(round=survey_round, agency_type=agency_type, role_band=role_band)
        AreaAnswer.objects.bulk_create(
            AreaAnswer(
                response=response,
                area=area,
                confidence=areas[area.code].confidence,
                trained=areas[area.code].trained,
            )
            for area in template_areas
        )
        # bulk_create writes no history row, and so no time the answer was given (see the module's note).
        TextAnswer.objects.bulk_create(
            TextAnswer(response=response, question=question, text=texts[question.code].strip())
            for question in questions
            if (texts.get(question.code) or "").strip()
        )


def _refusals(template, template_areas, questions, agency_type, role_band, areas, texts) -> dict[str, list[str]]:
    errors = {}
    if agency_type not in AGENCY_TYPES.values:
        errors["agency_type"] = [AGENCY_TYPE_REQUIRED]
    if role_band not in dict(template.role_band_choices):
        errors["role_band"] = [ROLE_BAND_REQUIRED]
    points = dict(template.scale)
    for area in template_areas:
        choice = areas.get(area.code)
        if choice is None or choice.confidence not in points:
            errors[confidence_field(area)] = [confidence_required(area)]
        if choice is None or not isinstance(choice.trained, bool):
            errors[trained_field(area)] = [trained_required(area)]
    asked = {question.code for question in questions}
    for code in texts:
        if code not in asked:
            errors.setdefault("__all__", []).append("An answer was given to a question this survey does not ask")
    for number, question in enumerate(questions, start=1):
        refusal = text_refusal(number, texts.get(question.code) or "")
        if refusal:
            errors[text_field(question)] = [refusal]
    return errors


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def confidence_question(area) -> str:
    return f"How confident are you in {_lower_first(area.name)}?"


def confidence_required(area) -> str:
    return f"Select how confident you are in {_lower_first(area.name)}"


def trained_required(area) -> str:
    return f"Select whether you have had training in {_lower_first(area.name)} in the last two years"
