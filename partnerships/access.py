"""The one way a view reaches a partnership: through the signed-in person's membership."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from partnerships.models import Membership


def get_membership_or_404(user, slug: str) -> Membership:
    """The user's membership of the partnership `slug`; 404 (never 403) if they hold no role there."""
    try:
        return Membership.objects.select_related("partnership__framework", "agency", "safeguarding_partner").get(
            user=user, partnership__slug=slug
        )
    except Membership.DoesNotExist:
        raise Http404("No such partnership") from None


def member_required(view):
    """Resolve `slug` to the caller's membership and pass it to the view in its place."""

    @login_required
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        membership = get_membership_or_404(request.user, slug)
        return view(request, membership, *args, **kwargs)

    return wrapper
