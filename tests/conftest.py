"""Fixtures every folder uses: the framework, the named personas and their partnerships, the shared `world`.

Only fixtures: what they build, and what test modules build for themselves, is in tests/support/builders.py.
"""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from partnerships.models import Membership
from recommendations.loader import framework_files, load_framework
from recommendations.models import Framework
from tests.support import builders
from tests.support.builders import make_member

# The fuzz tests (tests/*/test_fuzz_*.py) see the same examples on every run, so CI is repeatable;
# HYPOTHESIS_PROFILE=explore (a developer's choice) draws new ones each time.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the bundled framework once for the whole run: every test's transaction starts from it."""
    with django_db_blocker.unblock():
        for path in framework_files():
            load_framework(path)


@pytest.fixture
def framework(db):
    # A transactional test (the browser tests) empties the database after it; loaded again then.
    return builders.bundled_framework()


@pytest.fixture
def no_frameworks(db):
    """An empty framework table, for tests of the loader itself (undone with the test's transaction)."""
    Framework.objects.all().delete()


@pytest.fixture
def partnership(framework):
    return builders.build_partnership(framework)


@pytest.fixture
def other_partnership(framework):
    return builders.build_other_partnership(framework)


@pytest.fixture
def health_agency(partnership):
    return builders.build_health_agency(partnership)


@pytest.fixture
def personas(partnership, other_partnership, health_agency):
    """Every kind of signed-in visitor, by name. `anonymous` is None."""
    return builders.build_personas(partnership, other_partnership, health_agency)


@pytest.fixture
def world(personas, partnership, other_partnership, health_agency):
    """One of everything, in Northmere and in the outsider's partnership, for URL and permission tables
    (tests/pages/permissions/conftest.py builds it once per module there)."""
    return builders.build_world(personas, partnership, other_partnership, health_agency)


@pytest.fixture
def report_world(world, personas, monkeypatch):
    """The world plus reports of each kind and status (builders.build_report_world)."""
    # No broker: enqueuing is recorded, not sent.
    monkeypatch.setattr("scrutiny.reports.build_report_task.apply_async", lambda *a, **k: None)
    return builders.build_report_world(world, personas)


@pytest.fixture
def browser_page():
    """A fresh Chromium page; the browser is closed after the test."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS, require_browser_tools

    require_browser_tools()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


@pytest.fixture
def safeguarding_partners(partnership):
    """Northmere's three lead safeguarding partners. The police's is a delegate who answers in the service
    through a viewer's membership (user "police-partner"); the other two are told by email only."""
    from partnerships.models import LeadSafeguardingPartner

    organisation = LeadSafeguardingPartner.Organisation
    police_user = make_member("police-partner", partnership, Membership.Role.VIEWER)
    partners = {
        "local_authority": LeadSafeguardingPartner.objects.create(
            partnership=partnership,
            organisation=organisation.LOCAL_AUTHORITY,
            name="Dana Okafor",
            job_title="Chief Executive, Northmere Council",
            email="chief.executive@northmere.gov.example",
        ),
        "integrated_care_board": LeadSafeguardingPartner.objects.create(
            partnership=partnership,
            organisation=organisation.INTEGRATED_CARE_BOARD,
            name="Sam Whitfield",
            job_title="Chief Executive, Northmere Integrated Care Board",
            email="chief.executive@northmere-icb.nhs.example",
        ),
        "police": LeadSafeguardingPartner.objects.create(
            partnership=partnership,
            organisation=organisation.POLICE,
            name="Alex Moreno",
            job_title="Assistant Chief Constable, Northmere Police",
            email=police_user.email,
            is_delegate=True,
            membership=police_user.memberships.get(),
        ),
    }
    return {**partners, "user": police_user}


@pytest.fixture
def challenge_notices_in_process(monkeypatch):
    """Challenge emails sent in this process when the task is enqueued, whether or not a worker on Redis runs
    (CI sets REDIS_URL, which turns Celery's eager mode off): what is tested is who is told, not the queue."""
    from scrutiny.tasks import send_challenge_notice_task

    monkeypatch.setattr(
        send_challenge_notice_task, "apply_async", lambda args, **options: send_challenge_notice_task.run(*args)
    )


@pytest.fixture
def partners(partnership):
    """Northmere's three lead safeguarding partners, each signing in with an account of their own."""
    return builders.lead_safeguarding_partners(partnership)


@pytest.fixture
def sign_off_notices_in_process(monkeypatch):
    """Sign-off emails sent in this process when their task is enqueued, whether or not a worker on Redis runs,
    as challenge_notices_in_process does for challenges: what is tested is who is told, not the queue."""
    from scrutiny.tasks import send_sign_off_decision_task, send_sign_off_request_task

    for task in (send_sign_off_request_task, send_sign_off_decision_task):
        monkeypatch.setattr(task, "apply_async", lambda args, task=task, **options: task.run(*args))
