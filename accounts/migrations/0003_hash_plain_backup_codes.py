"""Backup codes kept in clear by django-otp's StaticToken become hashed BackupCodes, and the clear ones go.

Each person's static tokens are hashed into their BackupCodeDevice (one per person, however many static
devices they had), keeping the device's dates and wrong-code count; then every StaticToken and
StaticDevice is deleted. New codes put in a session to be shown by the next page (what the service did
before) are clear text in the session table: a session still holding some is ended.

Not reversible into clear codes: going back leaves people without backup codes until they make new ones.
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations

from accounts.backup_codes import hash_code

OLD_SESSION_KEY = "accounts_new_backup_codes"
DATABASE_SESSION_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


def hash_plain_backup_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    BackupCodeDevice = apps.get_model("accounts", "BackupCodeDevice")
    BackupCode = apps.get_model("accounts", "BackupCode")

    for static in StaticDevice.objects.order_by("pk"):
        tokens = list(StaticToken.objects.filter(device=static).values_list("token", flat=True))
        device, created = BackupCodeDevice.objects.get_or_create(
            user_id=static.user_id,
            defaults={
                "name": static.name,
                "confirmed": static.confirmed,
                "throttling_failure_timestamp": static.throttling_failure_timestamp,
                "throttling_failure_count": static.throttling_failure_count,
                "last_used_at": static.last_used_at,
            },
        )
        if created and static.created_at:
            # created_at is set on insert; keep when the codes were really made.
            BackupCodeDevice.objects.filter(pk=device.pk).update(created_at=static.created_at)
        BackupCode.objects.bulk_create(BackupCode(device=device, hashed=hash_code(token)) for token in tokens)
    StaticToken.objects.all().delete()
    StaticDevice.objects.all().delete()


def end_sessions_holding_new_codes(apps, schema_editor):
    if settings.SESSION_ENGINE not in DATABASE_SESSION_ENGINES:
        return  # not in the database; such a session ends with its store's expiry
    Session = apps.get_model("sessions", "Session")
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.iterator():
        if OLD_SESSION_KEY in store().decode(session.session_data):
            store(session_key=session.session_key).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_backup_codes"),
        ("otp_static", "0003_add_timestamps"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(hash_plain_backup_codes, migrations.RunPython.noop),
        migrations.RunPython(end_sessions_holding_new_codes, migrations.RunPython.noop),
    ]
