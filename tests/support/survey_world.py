"""Anonymous practitioner surveys for the tests: a round on the bundled template, its agencies' links, and answers
written straight to the database (the services' own tests go through them)."""

import secrets
from dataclasses import dataclass

from django.utils import timezone

from partnerships.models import Agency
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


WITHHOLD_TEXT = "We need more time in supervision to talk about it."


@dataclass(frozen=True)
class Token:
    """A link's token in a permission table's world, whose URL templates are filled with each object's `pk`:
    "/answer/{health_token}/"."""

    pk: str


def revoked(made: SurveyLink, by) -> SurveyLink:
    made.revoked_at = timezone.now()
    made.revoked_by = by
    made.save(update_fields=["revoked_at", "revoked_by"])
    return made


def permission_world(shared: dict) -> dict:
    """The permission tables' surveys (tests/pages/permissions/test_permissions_survey_*.py), added to `world` of
    the module's `shared` dictionary:

    - open_survey: open, Northmere Health and Police taking part, live links health_link and police_link, and
      revoked_link (Health's earlier one, revoked); no answers;
    - closed_survey: closed (yesterday), unpublished, Health and Police taking part, a live link (closed_link) for
      Health only; five Health answers with a text answer each (withhold_answer the first) and one Police answer
      with a text answer (small_answer: a group of fewer than five);
    - published_survey: closed and published, Health taking part (published_link), five answers with text
      (published_answer the first);
    - their_survey: Castlebrook's closed round (unpublished), their_link, five answers with text (their_answer).
    Each closed round with answers may be made evidence and fed to R5's confident indicator."""
    partnership, other = shared["partnership"], shared["other_partnership"]
    health, personas, world = shared["health_agency"], shared["personas"], shared["world"]
    lead, outsider = personas["lead"], personas["outsider"]
    police = world["police"]
    both = [health, police]

    open_survey = survey_round(partnership, lead, both, title="Practitioners' voice: open")
    revoked_link = revoked(link(open_survey, health, lead), lead)
    closed_survey = survey_round(partnership, lead, both, title="Practitioners' voice: closed", closes_in_days=-1)
    answers(closed_survey, 5, texts={"PQ1": WITHHOLD_TEXT})
    answer(closed_survey, agency_type=AgencyType.POLICE, texts={"PQ1": "Police on their own."})
    published_survey = survey_round(
        partnership, lead, [health], title="Practitioners' voice: published", closes_in_days=-1, published=True
    )
    answers(published_survey, 5, texts={"PQ1": WITHHOLD_TEXT})
    their_agency = Agency.objects.get(partnership=other, name="Castlebrook Health")
    their_survey = survey_round(other, outsider, [their_agency], title="Castlebrook's voice", closes_in_days=-1)
    answers(their_survey, 5, texts={"PQ1": WITHHOLD_TEXT})

    health_link = link(open_survey, health, lead)
    closed_link = link(closed_survey, health, lead)
    their_link = link(their_survey, their_agency, outsider)

    def texts(of, agency_type=AgencyType.HEALTH):
        return TextAnswer.objects.filter(response__round=of, response__agency_type=agency_type).order_by("pk")

    return shared | {
        "world": world
        | {
            "health_agency": health,
            "their_agency": their_agency,
            "open_survey": open_survey,
            "health_link": health_link,
            "health_token": Token(health_link.token),
            "police_link": link(open_survey, police, lead),
            "revoked_link": revoked_link,
            "revoked_token": Token(revoked_link.token),
            "unknown_token": Token(secrets.token_urlsafe(32)),
            "closed_survey": closed_survey,
            "closed_link": closed_link,
            "closed_token": Token(closed_link.token),
            "withhold_answer": texts(closed_survey).first(),
            "small_answer": texts(closed_survey, AgencyType.POLICE).get(),
            "published_survey": published_survey,
            "published_link": link(published_survey, health, lead),
            "published_answer": texts(published_survey).first(),
            "their_survey": their_survey,
            "their_link": their_link,
            "their_token": Token(their_link.token),
            "their_answer": texts(their_survey).first(),
        },
    }
