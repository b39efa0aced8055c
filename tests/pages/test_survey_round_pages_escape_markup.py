"""Markup typed in a round's title, and in an agency's name, shows as text on the list, the round's page and its
confirmation pages."""

from tests.support import survey_world

MARKUP = "<script>alert(1)</script><b>bold</b>"


def test_markup_is_text(client, personas, partnership, health_agency):
    health_agency.name = f"Health {MARKUP}"
    health_agency.save()
    survey_round = survey_world.survey_round(partnership, personas["lead"], [health_agency], title=f"Round {MARKUP}")
    link = survey_world.link(survey_round, health_agency, personas["lead"])
    client.force_login(personas["scrutineer"])
    base = f"/partnerships/northmere/surveys/{survey_round.pk}/"
    for url in ["/partnerships/northmere/surveys/", base, f"{base}close/", f"{base}links/{link.pk}/revoke/"]:
        page = client.get(url).content.decode()
        assert MARKUP not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page, url
