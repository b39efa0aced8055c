"""Records every request refused to a signed-in person: 404 (e.g. another partnership's pages) and 403."""

from audit.models import AccessEvent
from audit.records import record

REFUSED_STATUSES = {403, 404}


class RefusedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in REFUSED_STATUSES and request.user.is_authenticated:
            match = request.resolver_match
            record(
                AccessEvent.Kind.REFUSED,
                request=request,
                user=request.user,
                status_code=response.status_code,
                detail=match.view_name if match else "",
                partnership=match.kwargs.get("slug") if match else None,
            )
        return response
