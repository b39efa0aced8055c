"""The one way the service sends email: subject, text and HTML templates rendered with one context.

Every link in an email starts with SITE_URL (`site_link`), never with the host a request named: a
request's Host header is the sender's to choose, and a password reset link built from it would send
the token to whoever forged it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def site_link(path: str) -> str:
    """The absolute address of a path on this service, for a link in an email: SITE_URL + path."""
    if not path.startswith("/"):
        raise ValueError(f"A link in an email is a path on this service, not {path!r}")
    return settings.SITE_URL.rstrip("/") + path


def send_templated_email(template_prefix: str, to, context: dict) -> None:
    """Render templates/emails/<prefix>_subject.txt, <prefix>.txt and <prefix>.html and send them.

    `to` is one address or a list of them. The templates see the subject as `subject` (for the HTML
    <title>) and SITE_URL as `site_url`, for links. Failures raise, so callers can undo what they recorded.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    base = f"emails/{template_prefix}"
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    # A subject is one line: template newlines would break the header.
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    context = {**context, "subject": subject}
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()
