"""Markup in a round's title and theme, an agency's name and a return's text shows as text on the round's pages."""

from tests.support import audit_world

MARKUP = "<script>alert(1)</script>"


def test_markup_shows_as_text(client, personas, partnership, health_agency):
    health_agency.name = f"Health {MARKUP}"
    health_agency.save()
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency], title=f"Round {MARKUP}")
    case = audit_world.case(audit_round, personas["lead"])
    made = audit_world.agency_return(case, health_agency, personas["contributor"])
    made.learning = f"Learn {MARKUP}"
    made.save()
    base = f"/partnerships/northmere/audits/{audit_round.pk}/"
    client.force_login(personas["scrutineer"])
    for url in ("/partnerships/northmere/audits/", base, f"{base}cases/{case.pk}/", f"{base}edit/"):
        page = client.get(url).content.decode()
        assert MARKUP not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
