"""The data migration accounts 0003 turns backup codes kept in clear by django-otp's StaticToken into
hashed BackupCodes that still work, each once, and leaves no clear code behind: no static token, and no
session holding new codes to be shown (what the service did before)."""

from importlib import import_module

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from accounts import two_factor
from accounts.models import BackupCode, BackupCodeDevice

migration = import_module("accounts.migrations.0003_hash_plain_backup_codes")
PLAIN = ["abcdefgh", "ijklmnop", "qrstuvwx"]


def test_plain_codes_are_hashed_and_still_work_once(personas):
    lead, scrutineer = personas["lead"], personas["scrutineer"]
    made = timezone.now() - timezone.timedelta(days=40)
    static = StaticDevice.objects.create(user=lead, name="Backup codes", throttling_failure_count=2)
    StaticDevice.objects.filter(pk=static.pk).update(created_at=made)
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in PLAIN)
    StaticDevice.objects.create(user=scrutineer, name="Backup codes")  # no codes left

    migration.hash_plain_backup_codes(apps, None)

    assert not StaticToken.objects.exists() and not StaticDevice.objects.exists()
    device = BackupCodeDevice.objects.get(user=lead)
    assert device.created_at == made and device.throttling_failure_count == 2
    hashes = list(BackupCode.objects.filter(device=device).values_list("hashed", flat=True))
    assert len(hashes) == 3
    assert all(hashed.startswith("hmac_sha256$") and not any(code in hashed for code in PLAIN) for hashed in hashes)
    assert two_factor.backup_codes_left(scrutineer) == 0

    device.throttle_reset()
    assert two_factor.device_for_code(lead, PLAIN[1]) == device
    assert device.verify_token(PLAIN[1])
    assert not device.verify_token(PLAIN[1])
    assert two_factor.backup_codes_left(lead) == 2


def test_sessions_holding_new_codes_in_clear_are_ended(db, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    holding = SessionStore()
    holding[migration.OLD_SESSION_KEY] = PLAIN
    holding.create()
    other = SessionStore()
    other["something"] = "else"
    other.create()

    migration.end_sessions_holding_new_codes(apps, None)

    assert list(Session.objects.values_list("session_key", flat=True)) == [other.session_key]
