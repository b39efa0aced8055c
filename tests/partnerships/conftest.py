"""Fixtures shared by the tests of partnerships/."""

import pytest

from partnerships.models import Agency
from recommendations.models import AgencyType


@pytest.fixture
def importer(client, personas, partnership):
    """Northmere's lead, signed in on `client`, with Police as a second agency: ready to import a plan."""
    Agency.objects.create(partnership=partnership, name="Northmere Police", type=AgencyType.POLICE)
    client.force_login(personas["lead"])
    return personas["lead"]
