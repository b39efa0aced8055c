"""A judgement or a question response cites only indicators its partnership records (its framework's suggestions
and its own): another partnership's own indicator is refused, by the page and by the service, and nothing is saved."""

import pytest
from django.core.exceptions import PermissionDenied

from indicators.models import Indicator
from recommendations.models import Better, IndicatorUnit, ReflectiveQuestion
from scrutiny.judgements import save_question_response
from scrutiny.models import Judgement, QuestionResponse
from tests.support.builders import as_member
from tests.support.indicator_values import judge_citing, suggested

URL = "/partnerships/northmere/reviews/{}/judgements/R6/"


def own_indicator(partnership, code):
    indicator = Indicator.objects.create(
        framework=partnership.framework,
        partnership=partnership,
        code=code,
        name=f"{partnership.name}'s own measure",
        definition="A count the partnership keeps.",
        unit=IndicatorUnit.COUNT,
        better=Better.HIGHER,
        source="Its own records",
    )
    indicator.recommendations.add(partnership.framework.recommendations.get(code="R6"))
    return indicator


@pytest.fixture
def theirs(other_partnership):
    return own_indicator(other_partnership, "CB-OWN")


def saved():
    return (
        list(Judgement.objects.order_by("pk").values()),
        sorted(Judgement.indicators.through.objects.values_list("judgement_id", "indicator_id")),
        sorted(Judgement.evidence.through.objects.values_list("judgement_id", "evidence_id")),
        Judgement.history.count(),
        list(QuestionResponse.objects.order_by("pk").values()),
        sorted(QuestionResponse.indicators.through.objects.values_list("questionresponse_id", "indicator_id")),
        QuestionResponse.history.count(),
    )


def judge(world, personas, indicators):
    return judge_citing(world, personas, indicators, evidence=[world["health_evidence"]])


def answer(world, personas, indicators):
    question = world["review"].partnership.framework.questions.filter(audience=ReflectiveQuestion.Audience.SCRUTINEER)[
        0
    ]
    return save_question_response(
        review=world["review"],
        question=question,
        membership=as_member(personas["scrutineer"]),
        seen_version=0,
        partnership_response="The figures are reported each quarter.",
        scrutineer_note="",
        evidence=[world["health_evidence"]],
        indicators=indicators,
    )


@pytest.mark.parametrize("save", [judge, answer], ids=["judgement", "question response"])
def test_the_service_refuses_another_partnerships_indicator_and_saves_nothing(save, world, personas, theirs, framework):
    before = saved()
    # Beside one it may cite: the whole save is refused, not just the stranger.
    with pytest.raises(PermissionDenied):
        save(world, personas, [suggested(framework, "I-R6-HEALTH-PRESENT"), theirs])
    assert saved() == before


@pytest.mark.parametrize("save", [judge, answer], ids=["judgement", "question response"])
def test_the_service_saves_the_framework_suggestions_and_the_partnerships_own(save, world, personas, partnership):
    ours = own_indicator(partnership, "NM-OWN")
    health = suggested(partnership.framework, "I-R6-HEALTH-PRESENT")
    record = save(world, personas, [health, ours])
    assert set(record.indicators.all()) == {health, ours}


def test_the_page_refuses_another_partnerships_indicator_and_saves_nothing(client, world, personas, theirs):
    client.force_login(personas["scrutineer"])
    before = saved()
    response = client.post(
        URL.format(world["review"].pk),
        {"version": "0", "level": "limited", "rationale": "Too few", "indicators": [theirs.pk]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert saved() == before


def test_the_page_offers_only_the_partnerships_indicators_this_recommendations_first(
    client, world, personas, theirs, partnership
):
    client.force_login(personas["scrutineer"])
    page = client.get(URL.format(world["review"].pk)).content.decode()
    offered = page.split('name="indicators"')
    assert theirs.code not in page
    codes = [indicator.code for indicator in Indicator.objects.of(partnership)]
    shown = [next(code for code in codes if f"{code}:" in chunk) for chunk in offered[1:]]
    assert sorted(shown) == sorted(codes)
    assert shown[:2] == ["I-R6-HEALTH-PRESENT", "I-R6-THERAPY-WAIT"]  # R6's own first
