"""Answering a survey through its link, as an anonymous visitor would (pages/views/survey_answers.py)."""

import ipaddress
import uuid

from django.test import Client

from surveys.models import AreaAnswer, SurveyResponse, TextAnswer

DOCUMENTATION_NETWORK = ipaddress.IPv6Network("2001:db8::/32")


def anonymous_client(**options) -> Client:
    """A client from an address of its own (in IPv6's documentation network), so that the answer throttle's counts
    (kept in the cache, which may be a shared Redis) never carry over from another test or another run."""
    address = DOCUMENTATION_NETWORK[uuid.uuid4().int >> 32]
    return Client(REMOTE_ADDR=str(address), **options)


def answer_url(link) -> str:
    return f"/answer/{link.token}/"


def thanks_url(link) -> str:
    return f"/answer/{link.token}/thanks/"


def answer_data(
    survey_round, *, agency_type="health", role_band="frontline", confidence="4", trained="yes", texts=None
):
    """The form as a person sends it: every area at `confidence` and `trained`, free text by question code."""
    data = {"agency_type": agency_type, "role_band": role_band}
    for area in survey_round.template.areas.all():
        data[f"confidence_{area.code}"] = confidence
        data[f"trained_{area.code}"] = trained
    for code, text in (texts or {}).items():
        data[f"answer_{code}"] = text
    return data


def stored() -> tuple[int, int, int]:
    """How many responses, area answers and text answers there are."""
    return SurveyResponse.objects.count(), AreaAnswer.objects.count(), TextAnswer.objects.count()
