"""Anonymous practitioner surveys for the tests: a round on the bundled template, its agencies' links, and answers
written straight to the database (the services' own tests go through them)."""

import secrets

from django.utils import timezone

from recommendations.models import AgencyType
from surveys.models import AreaAnswer, SurveyLink, SurveyResponse, SurveyRound, SurveyTemplate, TextAnswer
from tests.support.builders import in_days

TEMPLATE = "PRACTITIONER-VOICE"


def template(partnership, code=TEMPLATE) -> SurveyTemplate:
    return SurveyTemplate.objects.get(framework=partnership.framework, code=code)


def survey_round(
    partnership,
    by,
    agencies,
    *,
    title="Practitioners' voice 2026",
    opens_in_days=-7,
    closes_in_days=21,
    published=False,
) -> SurveyRound:
    """A round of `partnership` open from a week ago for three weeks unless told, with `agencies` taking part."""
    made = SurveyRound.objects.create(
        partnership=partnership,
        template=template(partnership),
        title=title,
        opens_on=in_days(opens_in_days),
        closes_on=in_days(closes_in_days),
        created_by=by,
        published_at=timezone.now() if published else None,
        published_by=by if published else None,
    )
    made.agencies.set(agencies)
    return made


def link(survey_round, agency, by) -> SurveyLink:
    return SurveyLink.objects.create(round=survey_round, agency=agency, token=secrets.token_urlsafe(32), created_by=by)


def answer(
    survey_round,
    *,
    agency_type=AgencyType.HEALTH,
    role_band="frontline",
    confidence=4,
    trained=True,
    texts=None,
) -> SurveyResponse:
    """One person's answer: every area at `confidence` and `trained` (or per area code, given dicts), and free
    text per question code in `texts`."""
    made = SurveyResponse.objects.create(round=survey_round, agency_type=agency_type, role_band=role_band)
    for area in survey_round.template.areas.all():
        AreaAnswer.objects.create(
            response=made,
            area=area,
            confidence=confidence.get(area.code, 3) if isinstance(confidence, dict) else confidence,
            trained=trained.get(area.code, False) if isinstance(trained, dict) else trained,
        )
    questions = {q.code: q for q in survey_round.template.questions.all()}
    for code, text in (texts or {}).items():
        TextAnswer.objects.create(response=made, question=questions[code], text=text)
    return made


def answers(survey_round, count, **options) -> list[SurveyResponse]:
    return [answer(survey_round, **options) for _ in range(count)]
