"""The review's board summary, which the report puts first: scrutineers write it, every reader of the
review's judgements sees it on the review's page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from common.versioning import StaleEdit, refuse_stale
from partnerships.access import member_required
from recommendations.language import language_context
from scrutiny.board_summary import FIELDS, save_board_summary
from scrutiny.review_forms import BoardSummaryForm


@member_required("can_manage_reviews")
def board_summary_edit(request, membership, review_pk):
    review = get_object_or_404(membership.partnership.reviews, pk=review_pk)
    saved_since = []
    if request.method == "POST":
        form = BoardSummaryForm(request.POST, version=review.version)
        if form.is_valid():
            data = dict(form.cleaned_data)
            seen = data.pop("version")
            try:
                changed = save_board_summary(
                    membership=membership,
                    review=review,
                    seen_version=seen,
                    change_reason=form.identifier_change_reason,
                    **data,
                )
            except StaleEdit as stale:
                saved_since = refuse_stale(form, stale)
            else:
                said = "Board summary saved." if changed else "Nothing had changed: nothing to save."
                messages.success(request, said)
                return redirect(f"{review.get_absolute_url()}#board-summary")
    else:
        form = BoardSummaryForm(initial={name: getattr(review, name) for name in FIELDS}, version=review.version)
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
