"""Access events cannot be changed or deleted: not by the model, not in bulk, not in the admin.
Only prune_audit removes old ones (tests/audit/test_audit_prune.py)."""

import pytest

from audit.models import AccessEvent, ReadOnlyRecord

ADMIN = "/admin/audit/accessevent/"


@pytest.fixture
def event(db):
    return AccessEvent.objects.create(kind=AccessEvent.Kind.SIGN_IN_FAILED, username="someone", ip_address="192.0.2.1")


@pytest.fixture
def site_admin(django_user_model):
    return django_user_model.objects.create_superuser("siteadmin", "admin@example.org", "x" * 16)


def test_saving_an_existing_event_is_refused(event):
    event.username = "someone-else"
    with pytest.raises(ReadOnlyRecord):
        event.save()
    assert AccessEvent.objects.get().username == "someone"


def test_deleting_an_event_is_refused(event):
    with pytest.raises(ReadOnlyRecord):
        event.delete()
    with pytest.raises(ReadOnlyRecord):
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.count() == 1


def test_bulk_update_is_refused(event):
    with pytest.raises(ReadOnlyRecord):
        AccessEvent.objects.update(username="someone-else")
    assert AccessEvent.objects.get().username == "someone"


def test_admin_shows_an_event_without_a_way_to_change_it(client, site_admin, event):
    client.force_login(site_admin)
    page = client.get(f"{ADMIN}{event.pk}/change/")
    assert page.status_code == 200
    assert b"someone" in page.content
    assert b'name="_save"' not in page.content
    assert b"/delete/" not in page.content


def test_admin_refuses_add_change_and_delete_even_for_a_superuser(client, site_admin, event):
    client.force_login(site_admin)
    assert client.get(f"{ADMIN}add/").status_code == 403
    assert client.post(f"{ADMIN}{event.pk}/change/", {"username": "someone-else"}).status_code == 403
    assert client.get(f"{ADMIN}{event.pk}/delete/").status_code == 403
    assert client.post(f"{ADMIN}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(ADMIN, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    assert bulk.status_code in (200, 302)
    assert AccessEvent.objects.filter(pk=event.pk, username="someone").exists()
