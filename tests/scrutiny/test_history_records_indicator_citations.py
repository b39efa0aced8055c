"""Citing an indicator, or no longer citing it, is in the judgement's and the response's history: one entry per
save, saying who changed the indicators from what to what."""

from scrutiny.models import Judgement, QuestionResponse
from tests.support.indicator_values import suggested

JUDGEMENT = "/partnerships/northmere/reviews/{}/judgements/R6/"
QUESTION = "/partnerships/northmere/reviews/{}/questions/{}/"


def test_the_judgements_history_names_the_indicators_cited(client, world, personas, framework):
    health, wait = suggested(framework, "I-R6-HEALTH-PRESENT"), suggested(framework, "I-R6-THERAPY-WAIT")
    client.force_login(personas["scrutineer"])
    url = JUDGEMENT.format(world["review"].pk)
    text = {"level": "limited", "rationale": "Waits are long."}
    assert client.post(url, {"version": "0", **text, "indicators": [health.pk]}).status_code == 302
    assert client.post(url, {"version": "1", **text, "indicators": [wait.pk]}).status_code == 302

    judgement = Judgement.objects.get(pk=world["judgement"].pk)
    records = list(judgement.history.order_by("history_date", "history_id"))
    assert [list(r.indicators.values_list("indicator", flat=True)) for r in records[-2:]] == [[health.pk], [wait.pk]]
    assert judgement.history.count() == 3  # created by the world, then one per save

    history = client.get(url).content.decode().split('id="history"')[1]
    assert "Indicators" in history
    assert str(health) in history and str(wait) in history


def test_the_responses_history_names_the_indicators_cited(client, world, personas, framework):
    question = framework.questions.filter(recommendations__code="R6").first()
    health = suggested(framework, "I-R6-HEALTH-PRESENT")
    client.force_login(personas["scrutineer"])
    url = QUESTION.format(world["review"].pk, question.code)
    assert client.post(url, {"version": "0", "partnership_response": "Shown in figures"}).status_code == 302
    data = {"version": "1", "partnership_response": "Shown in figures", "indicators": [health.pk]}
    assert client.post(url, data).status_code == 302

    response = QuestionResponse.objects.get(review=world["review"], question=question)
    assert list(response.indicators.all()) == [health]
    assert response.history.count() == 2
    history = client.get(url).content.decode().split('id="history"')[1]
    assert "Indicators" in history and str(health) in history
