"""The demo holds a closed, published practitioner survey: fifty answers across five agency types, one of them with
four answers (fewer than five: never shown), a link for each agency, and free text that keeps only its agency type;
seeding again makes the round afresh, never twice; a group with more trained than answers is refused on loading."""

import datetime

import pytest
from django.db.models import Count

from operations.demo import DEMO_FILE, DemoDataError, seed_demo
from partnerships.models import Partnership
from surveys.models import SurveyRound, TextAnswer

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-for-tests"
TODAY = datetime.date(2026, 12, 3)


def test_the_demo_partnership_has_a_published_closed_survey(framework):
    seed_demo(password=PASSWORD, today=TODAY)
    survey = SurveyRound.objects.get(partnership__slug="northmere")
    assert survey.is_published and not survey.is_open(TODAY) and survey.closes_on < TODAY
    by_type = dict(survey.responses.values_list("agency_type").annotate(n=Count("pk")))
    assert by_type == {"health": 14, "childrens_social_care": 12, "police": 9, "education": 11, "voluntary_sector": 4}
    assert survey.links.filter(revoked_at=None).count() == 5
    assert TextAnswer.objects.filter(response__round=survey).count() == 6
    # No person wrote two of the texts: each is another respondent's.
    assert TextAnswer.objects.filter(response__round=survey).values("response").distinct().count() == 6


def test_seeding_again_makes_the_round_afresh(framework):
    seed_demo(password=PASSWORD, today=TODAY)
    seed_demo(password=PASSWORD, today=TODAY + datetime.timedelta(days=30))
    survey = SurveyRound.objects.get(partnership__slug="northmere")
    assert survey.responses.count() == 50


def test_more_trained_than_answered_is_refused_naming_the_group(framework, tmp_path):
    text = DEMO_FILE.read_text(encoding="utf-8")
    old = "trained = [2, 1, 0, 0, 0]"
    assert text.count(old) == 1
    path = tmp_path / "demo.toml"
    path.write_text(text.replace(old, "trained = [9, 1, 0, 0, 0]"), encoding="utf-8")
    with pytest.raises(DemoDataError) as refused:
        seed_demo(password=PASSWORD, path=path)
    assert "groups[4]" in str(refused.value) and "trained counts" in str(refused.value)
    assert not Partnership.objects.exists()
