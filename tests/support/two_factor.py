"""Codes for the two-factor tests: what the person's authenticator app would show, and the backup codes
a page shows."""

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The 6-digit code for now, or for a later 30-second step (the server accepts one step ahead,
    and refuses a step it has already seen, so a second sign-in in the same step uses the next)."""
    device.refresh_from_db()
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)).zfill(6)


def codes_on(html: str) -> list[str]:
    """The backup codes listed on a page (the list labelled "Backup codes"), in order; none if there is none."""
    listing = re.search(r'<ul[^>]*aria-label="Backup codes"[^>]*>(.*?)</ul>', html, re.S)
    return re.findall(r"<li[^>]*>\s*([a-z2-7]{8})\s*</li>", listing.group(1)) if listing else []
