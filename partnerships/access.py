"""The one way a view reaches a partnership: through the signed-in person's membership.

`@member_required` lets in any member; `@member_required("can_see_evidence")` declares the permission
the view needs (partnerships/permissions.py), checked once the membership is found.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from partnerships.models import Membership
from partnerships.permissions import require


def get_membership_or_404(user, slug: str) -> Membership:
    """The user's membership of the partnership `slug`; 404 (never 403) if they hold no role there."""
    try:
        return Membership.objects.select_related("partnership__framework", "agency", "safeguarding_partner").get(
            user=user, partnership__slug=slug
        )
    except Membership.DoesNotExist:
        raise Http404("No such partnership") from None


def member_required(view=None, /, permission: str | None = None):
    """Resolve `slug` to the caller's membership, check `permission` if one is named, and pass the
    membership to the view in the slug's place. Use bare, or as member_required("permission")."""
    if isinstance(view, str):
        return member_required(permission=view)
    if view is None:
        return lambda view: member_required(view, permission=permission)

    @login_required
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        membership = get_membership_or_404(request.user, slug)
        if permission is not None:
            require(membership, permission)
        return view(request, membership, *args, **kwargs)

    wrapper.permission = permission
    return wrapper
