"""A save opened before a colleague's is refused whatever it cites: the colleague's indicators stay as they saved
them, and the person's choice is kept on the form to save again deliberately."""

from scrutiny.models import Judgement
from tests.support.builders import make_member
from tests.support.indicator_values import suggested

URL = "/partnerships/northmere/reviews/{}/judgements/R6/"


def test_the_second_save_with_other_indicators_is_refused(client, world, personas, partnership):
    framework = partnership.framework
    health, wait = suggested(framework, "I-R6-HEALTH-PRESENT"), suggested(framework, "I-R6-THERAPY-WAIT")
    second = make_member("second", partnership, "scrutineer")
    url = URL.format(world["review"].pk)
    client.force_login(personas["scrutineer"])
    first = {"version": "0", "level": "limited", "rationale": "First view", "indicators": [health.pk]}
    assert client.post(url, first).status_code == 302

    client.force_login(second)  # opened the page before that save: still holds version 0
    late = {"version": "0", "level": "substantial", "rationale": "Second view", "indicators": [wait.pk]}
    response = client.post(url, late)
    page = response.content.decode()
    assert response.status_code == 200
    assert "nothing was saved" in page
    judgement = Judgement.objects.get(pk=world["judgement"].pk)
    assert list(judgement.indicators.all()) == [health]
    assert (judgement.level, judgement.version, judgement.history.count()) == ("limited", 1, 2)
    form = page.split('id="record-judgement"')[1]
    assert _ticked(form, wait.pk) and not _ticked(form, health.pk)

    again = {**late, "version": "1"}
    assert client.post(url, again).status_code == 302
    assert list(Judgement.objects.get(pk=judgement.pk).indicators.all()) == [wait]


def _ticked(form: str, pk: int) -> bool:
    """The checkbox of `pk` is ticked, whatever the order of its attributes."""
    for tag in form.split("<input")[1:]:
        tag = tag.split(">")[0]
        if 'name="indicators"' in tag and f'value="{pk}"' in tag:
            return "checked" in tag
    return False
