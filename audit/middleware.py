"""Records every request a view refused to a signed-in person: 404 (e.g. another partnership's pages) and 403.

Addresses that match no view (a mistyped URL, a missing static file) are not refusals of anything and
would only bury the ones that matter.
"""

from audit.models import AccessEvent
from audit.records import record

REFUSED_STATUSES = {403, 404}


class RefusedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if response.status_code in REFUSED_STATUSES and match and request.user.is_authenticated:
            record(
                AccessEvent.Kind.REFUSED,
                request=request,
                user=request.user,
                status_code=response.status_code,
                detail=match.view_name,
                partnership=match.kwargs.get("slug"),
            )
        return response
