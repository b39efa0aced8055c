"""The review's board summary: the scrutineer's overall opinion and what the board is asked, which the
report puts first (scrutiny/report_build.py). Saved like every edited record: refused if stale."""

from django.core.exceptions import PermissionDenied

from common.versioning import save_fields
from partnerships.permissions import require
from scrutiny.models import Review

FIELDS = ("overall_opinion", "board_asks", "next_priorities", "board_meeting")
MOVERS = 3  # the indicators the board summary names


def save_board_summary(
    *,
    membership,
    review: Review,
    seen_version: int,
    overall_opinion: str,
    board_asks: str,
    next_priorities: str,
    board_meeting,
    change_reason: str = "",
) -> bool:
    """Save the summary unless the review changed since it was opened (StaleEdit); False if nothing changed."""
    require(membership, "can_manage_reviews")
    if review.partnership_id != membership.partnership_id:
        raise PermissionDenied("Not a review of this partnership.")
    values = {
        "overall_opinion": overall_opinion,
        "board_asks": board_asks,
        "next_priorities": next_priorities,
        "board_meeting": board_meeting,
    }
    reason = change_reason or "Changed the board summary"
    return save_fields(review, values=values, seen_version=seen_version, by=membership.user, change_reason=reason)
