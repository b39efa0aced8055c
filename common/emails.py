"""The one way the service sends email: subject, text and HTML templates rendered with one context."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_email(template_prefix: str, to, context: dict) -> None:
    """Render templates/emails/<prefix>_subject.txt, <prefix>.txt and <prefix>.html and send them.

    `to` is one address or a list of them. The HTML template sees the subject as `subject`, for its
    <title>. Failures raise, so callers can undo what they recorded.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    base = f"emails/{template_prefix}"
    # A subject is one line: template newlines would break the header.
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    context = {**context, "subject": subject}
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()
