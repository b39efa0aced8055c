from django.conf import settings


def service(request):
    return service_context()


def service_context() -> dict:
    """What every page's layout needs, from settings alone: the 500 page renders with only this."""
    return {"service_name": settings.SERVICE_NAME, "feedback_url": settings.FEEDBACK_URL}
