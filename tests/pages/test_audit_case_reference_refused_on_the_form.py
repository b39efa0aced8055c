"""The case form shows a refused reference on its field, with no box to confirm it, and saves nothing."""

from case_audits.models import AuditCase
from tests.support import audit_world
from tests.support.builders import errors_of


def test_an_nhs_number_as_reference(client, personas, partnership, health_agency):
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency])
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/audits/{audit_round.pk}/cases/new/"
    data = {
        "reference": "943 476 5919",
        "age_band": "under_5",
        "agencies": [health_agency.pk],
        "recommendations": ["R3"],
    }
    response = client.post(url, data)
    assert errors_of(response)["reference"][0].startswith("This looks like a person's identifier. Use your own")
    assert "I confirm these are not about a child or family" not in response.content.decode()
    assert not AuditCase.objects.exists()
    assert client.post(url, data | {"reference": "MACA-01"}).status_code == 302
    assert AuditCase.objects.get().reference == "MACA-01"
