"""A correction is a new final version: once it is ready it supersedes the earlier one, which keeps its
decisions, can no longer be offered or signed, stays downloadable and says so on its page and in the review's
list; the new version is not signed until it is offered and the three sign it again."""

import pytest

from scrutiny import sign_off
from scrutiny.models import Report
from tests.support import builders
from tests.support.builders import as_member

pytestmark = pytest.mark.usefixtures("sign_off_notices_in_process")


@pytest.fixture
def returned(report_world, personas, partners):
    """Version 1, offered and returned by the police."""
    report = sign_off.offer_for_sign_off(
        membership=as_member(personas["scrutineer"]), report=report_world["published_final"]
    )
    sign_off.decide(membership=partners["police"].membership, report=report, decision="returned", comment="Fix R4.")
    return report


def newer_final(report, personas, status=Report.Status.READY):
    return builders.report(report.review, Report.Kind.FINAL, personas["scrutineer"], status)


def test_a_newer_version_supersedes_only_once_it_is_ready(returned, personas):
    queued = newer_final(returned, personas, Report.Status.QUEUED)
    assert not returned.is_superseded
    Report.objects.filter(pk=queued.pk).delete()
    newer = newer_final(returned, personas)
    assert returned.superseded_by == newer and returned.superseded_by.number == newer.number > returned.number
    listed = Report.objects.with_sign_off().get(pk=returned.pk)
    assert (listed.superseded_by.pk, listed.superseded_by.number) == (newer.pk, newer.number)
    assert not newer.is_superseded


def test_the_superseded_version_is_neither_signed_nor_offered_and_keeps_its_decisions(returned, personas, partners):
    newer_final(returned, personas)
    with pytest.raises(sign_off.SignOffRefused, match="supersedes this report"):
        sign_off.decide(membership=partners["local_authority"].membership, report=returned, decision="signed")
    assert returned.sign_offs.count() == 1
    assert Report.objects.with_sign_off().get(pk=returned.pk).sign_off_state == Report.SignOffState.RETURNED
    older = builders.report(returned.review, "final", personas["scrutineer"], Report.Status.READY)
    Report.objects.filter(pk=older.pk).update(number=0)  # an earlier version never offered
    older.refresh_from_db()
    with pytest.raises(sign_off.SignOffRefused, match="supersedes this report"):
        sign_off.offer_for_sign_off(membership=as_member(personas["scrutineer"]), report=older)


def test_the_new_version_goes_round_again(returned, personas, partners):
    newer = newer_final(returned, personas)
    assert Report.objects.with_sign_off().get(pk=newer.pk).sign_off_state == Report.SignOffState.NOT_OFFERED
    with pytest.raises(sign_off.SignOffRefused, match="not been offered"):
        sign_off.decide(membership=partners["police"].membership, report=newer, decision="signed")
    sign_off.offer_for_sign_off(membership=as_member(personas["scrutineer"]), report=newer)
    states = []
    for partner in partners.values():
        sign_off.decide(membership=partner.membership, report=newer, decision="signed")
        states.append(Report.objects.with_sign_off().get(pk=newer.pk).sign_off_state)
    assert states == ["awaiting", "awaiting", "signed_off"]
    assert Report.objects.with_sign_off().get(pk=returned.pk).sign_off_state == Report.SignOffState.RETURNED


def test_the_superseded_version_stays_downloadable_and_says_so(client, returned, personas, partners):
    newer = newer_final(returned, personas)
    client.force_login(personas["viewer"])
    assert client.get(f"{returned.get_absolute_url()}download/").status_code == 200
    html = client.get(returned.get_absolute_url()).content.decode()
    assert "Final report, version 1" in html
    assert f'Superseded by <a class="govuk-link" href="{newer.get_absolute_url()}">version {newer.number}</a>' in html
    assert "Fix R4." in html  # the decisions on this version stay on its page
    assert "Superseded by" not in client.get(newer.get_absolute_url()).content.decode()


def test_the_reviews_list_shows_each_version_and_its_state(client, returned, personas, partners):
    newer = newer_final(returned, personas)
    client.force_login(personas["lead"])
    html = client.get(returned.review.get_absolute_url()).content.decode()
    assert f"Final report, version {newer.number}" in html and "Final report, version 1" in html
    assert f"Superseded by version {newer.number}" in html
    assert "Returned" in html and "Not offered for sign-off" in html
