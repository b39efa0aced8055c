import datetime

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

# When the statement was last reviewed against the service; change it whenever the known issues change.
STATEMENT_PREPARED = datetime.date(2026, 11, 24)
# WCAG 2.2.1 exempts time limits of 20 hours or more: a shorter session has to be declared.
TIME_LIMIT_EXEMPT_SECONDS = 20 * 60 * 60


@require_safe
def accessibility_statement(request):
    """The accessibility statement UK public sector bodies must publish; open to everyone, signed in or not."""
    session_seconds = settings.SESSION_COOKIE_AGE
    return render(
        request,
        "pages/accessibility_statement.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "prepared": STATEMENT_PREPARED,
            "session_minutes": session_seconds // 60 if session_seconds < TIME_LIMIT_EXEMPT_SECONDS else None,
        },
    )
