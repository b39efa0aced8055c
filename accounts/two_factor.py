"""Two-factor sign-in with django-otp: one authenticator app (TOTP) and single-use backup codes per person.

Backup codes are kept only as hashes (accounts.models.BackupCodeDevice): they exist in clear only in
the response that shows them, once, right after they are made.
"""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.backup_codes import new_code
from accounts.models import BackupCodeDevice
from accounts.sessions import SECOND_FACTOR_EXPECTED

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"


def authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def backup_codes_device(user) -> BackupCodeDevice | None:
    return BackupCodeDevice.objects.filter(user=user, confirmed=True).first()


def backup_codes_left(user) -> int:
    device = backup_codes_device(user)
    return device.codes.count() if device else 0


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: the same one each time the page is shown, until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def manual_entry_key(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The setup QR code as inline SVG: colours as attributes, no style, so the CSP needs nothing extra."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        border=4,
        dark="#0b0c0c",
        light="#ffffff",
        svgclass="app-qr-code",
        title="QR code to add this service to your authenticator app",
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def device_for_code(user, code: str):
    """Six digits are checked against the authenticator, anything else against the backup codes."""
    if len(code) == 6 and code.isdigit():
        return authenticator(user)
    return backup_codes_device(user)


@transaction.atomic
def confirm_authenticator(device: TOTPDevice) -> list[str]:
    """Make this the person's one authenticator and give them new backup codes, returned in clear once."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the person's backup codes with BACKUP_CODE_COUNT new ones; the old ones stop working.

    Returns the new codes in clear, for the page that shows them once; only their hashes are stored.
    """
    device, _ = BackupCodeDevice.objects.get_or_create(user=user, defaults={"name": BACKUP_CODES_NAME})
    # One renewal at a time, so two at once cannot leave twenty codes.
    device = BackupCodeDevice.objects.select_for_update().get(pk=device.pk)
    codes = [new_code() for _ in range(BACKUP_CODE_COUNT)]
    device.replace_codes(codes)
    return codes


def complete_second_factor(request, device) -> None:
    """Mark the session as verified by this device, with a new session key."""
    otp_login(request, device)
    request.session.pop(SECOND_FACTOR_EXPECTED, None)
    request.session.cycle_key()
