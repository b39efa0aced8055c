"""Every bad answer is refused with a message on the form, linked from the error summary, and nothing is stored:
a confidence not on the scale, an unknown agency type or role band, a missing area, text over the limit, control
characters, and free text holding what could identify someone (shown masked, never whole)."""

import re

import pytest

from surveys.models import ANSWER_LIMIT
from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url, stored

pytestmark = pytest.mark.django_db

BAD = {
    "confidence above the scale": ({"confidence_talking": "6"}, "Select how confident you are in talking to children"),
    "confidence below the scale": ({"confidence_talking": "0"}, "Select how confident you are in talking to children"),
    "confidence not a number": ({"confidence_probation": "very"}, "Select how confident you are in working with"),
    "trained neither yes nor no": ({"trained_recognising": "maybe"}, "Select whether you have had training in"),
    "an area left out": ({"confidence_sibling_harm": ""}, "Select how confident you are in responding when a sibling"),
    "unknown agency type": ({"agency_type": "martians"}, "Select the type of agency you work for"),
    "no agency type": ({"agency_type": ""}, "Select the type of agency you work for"),
    "unknown role band": ({"role_band": "chief_executive"}, "Select the role that best describes yours"),
    "text over the limit": (
        {"answer_PQ3": "a" * (ANSWER_LIMIT + 1)},
        f"Your answer to question 3 must be {ANSWER_LIMIT:,} characters or fewer",
    ),
    "a control character": (
        {"answer_PQ2": "We should\x07 listen"},
        "Your answer to question 2 contains hidden control",
    ),
    "a NUL character": ({"answer_PQ2": "We should\x00 listen"}, "Your answer to question 2 contains hidden control"),
    "a phone number": (
        {"answer_PQ5": "Ring the family on 07700 900123 for more"},
        "Your answer to question 5 looks like it contains a phone number",
    ),
    "an email address": (
        {"answer_PQ6": "Her mother, jane.doe@example.com, told us"},
        "Your answer to question 6 looks like it contains an email address",
    ),
    "a date of birth": (
        {"answer_PQ1": "The girl, born 3 May 2012, said"},
        "Your answer to question 1 looks like it contains a date of birth",
    ),
}
WHOLE_IDENTIFIERS = ("07700 900123", "jane.doe@example.com", "3 May 2012")


@pytest.fixture
def survey_round(partnership, personas, health_agency):
    return survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])


@pytest.mark.parametrize(("changes", "message"), BAD.values(), ids=BAD.keys())
def test_bad_answer_refused_on_the_form_with_nothing_stored(survey_round, personas, health_agency, changes, message):
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    data = answer_data(survey_round) | changes

    page = anonymous_client().post(answer_url(link), data)

    assert page.status_code == 200
    assert stored() == (0, 0, 0)
    text = page.content.decode()
    summary = text.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert message in summary
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets
    assert not set(targets) - set(re.findall(r'\bid="([^"]+)"', text)), "every summary link lands on a field"
    for identifier in WHOLE_IDENTIFIERS:
        assert identifier not in summary, "an identifier is named masked, never whole"


def test_the_identifier_is_shown_masked(survey_round, personas, health_agency):
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    data = answer_data(survey_round) | {"answer_PQ5": "Ring 07700 900123"}

    page = anonymous_client().post(answer_url(link), data).content.decode()

    assert "a phone number (077** ***123)" in page
    assert "I confirm" not in page, "an anonymous person cannot confirm an identifier away"
