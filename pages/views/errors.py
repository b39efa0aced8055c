"""The 500 page. Django's own 403 and 404 handlers render templates/403.html and 404.html with the request."""

from django.http import HttpResponseServerError
from django.template import loader

from pages.context_processors import service_context


def server_error(request):
    """From settings alone: no context processor, session, user or database, any of which may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render(service_context()))
