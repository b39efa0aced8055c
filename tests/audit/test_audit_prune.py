"""prune_audit: the one way access events leave the table, by age."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from audit.models import AccessEvent


@pytest.fixture
def event(db):
    return AccessEvent.objects.create(kind=AccessEvent.Kind.SIGN_IN_FAILED, username="someone")


def test_prune_removes_only_events_older_than_the_days_given(event):
    old = AccessEvent.objects.create(kind=AccessEvent.Kind.SIGNED_IN, at=timezone.now() - datetime.timedelta(days=400))
    call_command("prune_audit", "--older-than-days", "365")
    assert list(AccessEvent.objects.all()) == [event]
    assert not AccessEvent.objects.filter(pk=old.pk).exists()


def test_prune_refuses_zero_days(event):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_audit", "--older-than-days", "0")
    assert AccessEvent.objects.count() == 1
