"""Writing access events: one INSERT each, and a failure to write never breaks the request."""

import ipaddress
import logging

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Subquery

from audit.models import AccessEvent

logger = logging.getLogger(__name__)


def client_ip(request) -> str | None:
    """The address the request came from.

    REMOTE_ADDR unless AUDIT_CLIENT_IP_HEADER names a header the proxy in front of us sets
    (e.g. "X-Forwarded-For"). Then the entry AUDIT_TRUSTED_PROXIES places from the right is taken:
    entries further left were sent by the client and could be anything.
    """
    header = settings.AUDIT_CLIENT_IP_HEADER
    if header:
        entries = [entry.strip() for entry in request.META.get(_meta_key(header), "").split(",") if entry.strip()]
        if len(entries) >= settings.AUDIT_TRUSTED_PROXIES:
            return _valid_address(entries[-settings.AUDIT_TRUSTED_PROXIES])
        return None
    return _valid_address(request.META.get("REMOTE_ADDR", ""))


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def _valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _fit(text, limit: int) -> str:
    # PostgreSQL refuses NUL in text; over-long values would fail the INSERT.
    return str(text or "").replace("\x00", "")[:limit]


def record(kind, *, request=None, user=None, username="", detail="", partnership=None, status_code=None):
    """Write one AccessEvent. `partnership` is a Partnership, or a slug resolved inside the same INSERT."""
    if user is not None and not user.is_authenticated:
        user = None
    fields = {
        "kind": kind,
        "user": user,
        "username": _fit(username or (user.get_username() if user else ""), 150),
        "detail": _fit(detail, 300),
        "status_code": status_code,
    }
    if request is not None:
        fields |= {
            "path": _fit(request.path, 500),
            "ip_address": client_ip(request),
            "user_agent": _fit(request.META.get("HTTP_USER_AGENT"), 300),
        }
    if isinstance(partnership, str):
        from partnerships.models import Partnership

        fields["partnership_id"] = Subquery(Partnership.objects.filter(slug=partnership).values("pk")[:1])
    elif partnership is not None:
        fields["partnership"] = partnership
    try:
        if connection.in_atomic_block:
            # A savepoint, so a failed write does not spoil the caller's transaction.
            with transaction.atomic():
                AccessEvent.objects.create(**fields)
        else:
            AccessEvent.objects.create(**fields)
    except DatabaseError:
        logger.exception("Could not record an access event of kind %s", kind)
