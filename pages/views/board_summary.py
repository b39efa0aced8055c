"""The review's board summary, which the report puts first: scrutineers write it, every reader of the
review's judgements sees it on the review's page."""

from django.shortcuts import get_object_or_404, render

from pages.views.versioned import edit_fields
from partnerships.access import member_required
from recommendations.language import language_context
from scrutiny.board_summary import FIELDS, save_board_summary
from scrutiny.review_forms import BoardSummaryForm


@member_required("can_manage_reviews")
def board_summary_edit(request, membership, review_pk):
    review = get_object_or_404(membership.partnership.reviews, pk=review_pk)

    def save(**data):
        return save_board_summary(membership=membership, review=review, **data)

    done, form, saved_since = edit_fields(
        request,
        review,
        BoardSummaryForm,
        FIELDS,
        save,
        saved="Board summary saved.",
        done_url=f"{review.get_absolute_url()}#board-summary",
    )
    if done:
        return done
    return render(
        request,
        "reviews/board_summary_form.html",
        {
            "membership": membership,
            "review": review,
            "form": form,
            "saved_since": saved_since,
            **language_context(membership.partnership.framework),
        },
    )
