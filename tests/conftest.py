"""Shared fixtures: the framework loaded once per test, and the named personas.

Personas, as in the demo: a scrutineer, a lead, a contributor (health agency), a
viewer, all of Northmere; and an outsider who leads another partnership.
"""

import datetime
import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from partnerships.models import Agency, Membership, Partnership
from recommendations.loader import framework_files, load_framework
from recommendations.models import AgencyType, Framework

PASSWORD = "correct-horse-battery-staple"

# The fuzz tests (tests/test_fuzz_*.py) see the same examples on every run, so CI is repeatable;
# HYPOTHESIS_PROFILE=explore (a developer's choice) draws new ones each time.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

BUNDLED_FRAMEWORK_CODE = "csa-family-environment-2024"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the bundled framework once for the whole run: every test's transaction starts from it."""
    with django_db_blocker.unblock():
        for path in framework_files():
            load_framework(path)


@pytest.fixture
def framework(db):
    # A transactional test (the browser tests) empties the database after it; load again then.
    found = Framework.objects.filter(code=BUNDLED_FRAMEWORK_CODE).first()
    return found or load_framework(framework_files()[0]).framework


@pytest.fixture
def no_frameworks(db):
    """An empty framework table, for tests of the loader itself (undone with the test's transaction)."""
    Framework.objects.all().delete()


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


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=72, height=72)
    writer.write(out)
    return out.getvalue()


# A real one-page PDF with no text: the identifier scan reads it and finds nothing.
MINIMAL_PDF = _blank_pdf()
# Starts like a PDF but has no cross-reference table: nothing can read it (a damaged file).
UNREADABLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def in_days(days: int) -> datetime.date:
    """A date this many days from today (before it, if negative): what the code compares with today
    (due dates, overdue) is set this way in tests, never as a fixed date, so the suite passes every year."""
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def world(personas, partnership, other_partnership, health_agency):
    """One of everything, in Northmere and in the outsider's partnership, for URL and permission tables.

    Keys name the objects; URL templates in the permission tables use them, e.g. "{health_evidence}".
    The review's period and the evidence dates are history and fixed; due dates are relative to today.
    """
    from django.core.files.base import ContentFile

    from partnerships.models import ActionItem, Attachment, Evidence, ProgressUpdate
    from recommendations.models import Recommendation
    from scrutiny.models import Challenge, ChallengeStep, Judgement, Review

    police = Agency.objects.create(partnership=partnership, name="Northmere Police", type=AgencyType.POLICE)
    other_agency = Agency.objects.create(
        partnership=other_partnership, name="Castlebrook Health", type=AgencyType.HEALTH
    )
    r6 = Recommendation.objects.get(framework=partnership.framework, code="R6")

    review = Review.objects.create(
        partnership=partnership,
        title="Review 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        status=Review.Status.JUDGING,
    )
    review.scrutineers.add(personas["scrutineer"])
    other_review = Review.objects.create(
        partnership=other_partnership,
        title="Castlebrook review 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )

    def evidence(owner_partnership, agency, by, title):
        item = Evidence.objects.create(
            partnership=owner_partnership,
            title=title,
            summary=f"Summary of {title}",
            type=Evidence.Type.AUDIT,
            source=Evidence.Source.AUDIT,
            agency=agency,
            date=datetime.date(2026, 3, 1),
            confirmed_no_identifying_details=True,
            created_by=by,
        )
        item.recommendations.add(Recommendation.objects.get(framework=owner_partnership.framework, code="R6"))
        return item

    health_evidence = evidence(partnership, health_agency, personas["contributor"], "Health pathway audit")
    police_evidence = evidence(partnership, police, personas["lead"], "Police strategy discussion audit")
    other_evidence = evidence(other_partnership, other_agency, personas["outsider"], "Castlebrook audit")
    attachment = Attachment(
        evidence=health_evidence,
        original_name="pathway.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
        sha256="0" * 64,
        uploaded_by=personas["contributor"],
    )
    attachment.file.save("pathway.pdf", ContentFile(MINIMAL_PDF), save=True)

    judgement = Judgement.objects.create(review=review, recommendation=r6)

    def challenge(owner_partnership, agency, by, text):
        item = Challenge.objects.create(
            partnership=owner_partnership,
            agency=agency,
            text=text,
            response_due=in_days(30),
            raised_by=by,
        )
        item.recommendations.add(Recommendation.objects.get(framework=owner_partnership.framework, code="R6"))
        ChallengeStep.objects.create(challenge=item, kind=ChallengeStep.Kind.RAISED, text=text, by=by)
        return item

    def action(owner_partnership, owner, by, description):
        item = ActionItem.objects.create(
            partnership=owner_partnership,
            description=description,
            owner_agency=owner,
            lead_name="A. Named Lead",
            start_date=datetime.date(2026, 4, 1),
            due_date=in_days(60),
            status=ActionItem.Status.ON_TRACK,
            created_by=by,
        )
        item.recommendations.add(Recommendation.objects.get(framework=owner_partnership.framework, code="R6"))
        ProgressUpdate.objects.create(item=item, author=by, note="Started", status_to=ActionItem.Status.ON_TRACK)
        return item

    return {
        "health_action": action(partnership, health_agency, personas["lead"], "Health rota for strategy discussions"),
        "police_action": action(partnership, police, personas["lead"], "Police single point of contact"),
        "other_action": action(other_partnership, other_agency, personas["outsider"], "Castlebrook action"),
        "review": review,
        "other_review": other_review,
        "police": police,
        "health_evidence": health_evidence,
        "police_evidence": police_evidence,
        "other_evidence": other_evidence,
        "attachment": attachment,
        "judgement": judgement,
        "health_challenge": challenge(partnership, health_agency, personas["scrutineer"], "Where is health?"),
        "police_challenge": challenge(partnership, police, personas["scrutineer"], "Where is police?"),
        "other_challenge": challenge(other_partnership, None, personas["outsider"], "Castlebrook challenge"),
    }


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
