"""Shared fixtures: the framework loaded once per test, and the named personas.

Personas, as in the demo: a scrutineer, a lead, a contributor (health agency), a
viewer, all of Northmere; and an outsider who leads another partnership.
"""

import pytest
from django.contrib.auth import get_user_model

from partnerships.models import Agency, Membership, Partnership
from recommendations.loader import framework_files, load_framework
from recommendations.models import AgencyType

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def framework(db):
    return load_framework(framework_files()[0]).framework


@pytest.fixture
def partnership(framework):
    return Partnership.objects.create(
        name="Northmere Partnership", slug="northmere", area="Northmere", framework=framework
    )


@pytest.fixture
def other_partnership(framework):
    return Partnership.objects.create(
        name="Castlebrook Partnership", slug="castlebrook", area="Castlebrook", framework=framework
    )


@pytest.fixture
def health_agency(partnership):
    return Agency.objects.create(partnership=partnership, name="Northmere Health", type=AgencyType.HEALTH)


def make_member(username, partnership, role, agency=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
    Membership.objects.create(user=user, partnership=partnership, role=role, agency=agency)
    return user


@pytest.fixture
def personas(partnership, other_partnership, health_agency):
    """Every kind of signed-in visitor, by name. `anonymous` is None."""
    return {
        "scrutineer": make_member("scrutineer", partnership, Membership.Role.SCRUTINEER),
        "lead": make_member("lead", partnership, Membership.Role.LEAD),
        "contributor": make_member("contributor", partnership, Membership.Role.CONTRIBUTOR, health_agency),
        "viewer": make_member("viewer", partnership, Membership.Role.VIEWER),
        "outsider": make_member("outsider", other_partnership, Membership.Role.LEAD),
        "anonymous": None,
    }


@pytest.fixture
def browser_page():
    """A fresh Chromium page; the browser is closed after the test."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_FLAGS, require_browser_tools

    require_browser_tools()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()
