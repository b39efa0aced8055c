"""Markup typed into an indicator's name, definition, source, or a value's note, is shown as text, never run,
on the list, the indicator's page and its forms."""

import pytest

from tests.support import indicator_world

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
BASE = "/partnerships/northmere/indicators"


@pytest.fixture
def hostile(client, partnership, personas):
    client.force_login(personas["lead"])
    data = indicator_world.indicator_form_data(
        name=f"Name {PAYLOAD}", definition=f"Definition {PAYLOAD}", source=f"Source {PAYLOAD}", recommendations=["R6"]
    )
    assert client.post(f"{BASE}/new/", data).status_code == 302
    indicator = partnership.own_indicators.get()
    value = indicator_world.value_form_data(note=f"Note {PAYLOAD}")
    assert client.post(f"{BASE}/{indicator.pk}/values/new/", value).status_code == 302
    return indicator


@pytest.mark.parametrize(
    "page", ["", "{pk}/", "{pk}/edit/", "{pk}/values/new/", "{pk}/target/", "{pk}/values/{value}/edit/"]
)
def test_markup_is_shown_as_text(client, hostile, page):
    url = f"{BASE}/" + page.format(pk=hostile.pk, value=hostile.values.get().pk)
    html = client.get(url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert ESCAPED in html
