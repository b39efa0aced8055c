"""Review cycles, and the scrutineer's judgements and question responses within them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from common.history import history_entries
from common.versioning import StaleEdit, bump, check_version, refuse_stale
from partnerships.access import member_required
from partnerships.permissions import require
from recommendations.language import language_context
from recommendations.models import ReflectiveQuestion
from scrutiny import publication
from scrutiny.judgements import (
    cited_trends,
    indicators_offered,
    save_judgement,
    save_question_response,
    triangulate,
)
from scrutiny.models import Judgement, QuestionResponse, Review
from scrutiny.progress import evidence_in_scope
from scrutiny.review_forms import JudgementForm, QuestionResponseForm, ReviewForm


def _review_or_404(membership, review_pk):
    return get_object_or_404(membership.partnership.reviews.prefetch_related("scrutineers"), pk=review_pk)


@member_required
@require_safe
def review_list(request, membership):
    reviews = membership.partnership.reviews.all()
    return render(request, "reviews/review_list.html", {"membership": membership, "reviews": reviews})


@transaction.atomic
def _save_review(form):
    review = form.save(commit=False)
    review.save()
    form.save_m2m()
    return review


@member_required("can_manage_reviews")
def review_create(request, membership):
    partnership = membership.partnership
    review_form = ReviewForm(
        request.POST or None,
        partnership=partnership,
        instance=partnership.reviews.model(partnership=partnership),
        initial={"scrutineers": [request.user]},
    )
    # Published only through the confirmation (review_publish): a new review has nothing to publish.
    status = review_form.fields["status"]
    status.choices = [choice for choice in status.choices if choice[0] != Review.Status.PUBLISHED]
    if request.method == "POST" and review_form.is_valid():
        review = _save_review(review_form)
        messages.success(request, f"Review “{review.title}” created.")
        return redirect(review)
    return render(
        request, "reviews/review_form.html", {"membership": membership, "form": review_form, "heading": "New review"}
    )


def _save_edit(form, review, *, status_before) -> str:
    """Under `review`'s row lock: save the edit form unless the review changed since it was opened
    (StaleEdit). Returns what happened: "publishing" (the rest saved; publishing waits for its
    confirmation), "confirm" (moving a published review back, not yet confirmed: nothing saved),
    "unpublished", "saved" or "unchanged"."""
    check_version(review, form.cleaned_data["version"])
    chosen = form.cleaned_data["status"]
    publishing = chosen == Review.Status.PUBLISHED and status_before != Review.Status.PUBLISHED
    unpublishing = status_before == Review.Status.PUBLISHED and chosen != Review.Status.PUBLISHED
    if unpublishing and not form.cleaned_data.get("confirm_unpublishing"):
        return "confirm"
    changed = [name for name in form.changed_data if name not in ("version", "confirm_unpublishing")]
    if publishing:
        # "Published" here saves the rest and asks for the confirmation; only review_publish publishes.
        review.status = status_before
        changed.remove("status")
    if changed:
        bump(review)  # an edit form opened before this save is refused, not saved over it
        if unpublishing:
            review._change_reason = "Moved back after confirming who would lose its final reports"
        elif changed == ["scrutineers"]:
            review._change_reason = "Changed the scrutineers"  # the history keeps no many-to-many fields
        form.save(commit=False)
        review.save()
        form.save_m2m()
    if publishing:
        return "publishing"
    if unpublishing:
        return "unpublished"
    return "saved" if changed else "unchanged"


@member_required("can_manage_reviews")
def review_edit(request, membership, review_pk):
    review = _review_or_404(membership, review_pk)
    partnership = membership.partnership
    context = {"membership": membership, "review": review, "heading": f"Edit {review.title}"}
    if request.method != "POST":
        form = ReviewForm(partnership=partnership, instance=review, version=review.version)
        return render(request, "reviews/review_form.html", {**context, "form": form})
    saved_since, outcome = [], None
    try:
        with transaction.atomic():
            # The row lock publishing takes (scrutiny.publication): its version and status are read once, here.
            locked = Review.objects.select_for_update().get(pk=review.pk)
            status_before = locked.status
            form = ReviewForm(request.POST, partnership=partnership, instance=locked, version=locked.version)
            if form.is_valid():
                outcome = _save_edit(form, locked, status_before=status_before)
    except StaleEdit as stale:
        saved_since = refuse_stale(form, stale)  # the person's text kept, the newer version to save over
    if outcome == "publishing":
        messages.info(request, "Your other changes are saved. The review is not published until you confirm below.")
        return redirect("review_publish", partnership.slug, review.pk)
    if outcome == "unpublished":
        messages.warning(
            request,
            f"“{locked.title}” is back to {locked.get_status_display().lower()}. Contributors and viewers can no "
            "longer read its judgements or download its final reports until it is published again.",
        )
        return redirect(locked)
    if outcome in ("saved", "unchanged"):
        messages.success(request, "Review saved." if outcome == "saved" else "Nothing had changed: nothing to save.")
        return redirect(locked)
    if outcome == "confirm":
        chosen = Review.Status(form.cleaned_data["status"]).label
        form.ask_to_confirm_unpublishing(chosen)
        context.update(
            heading=f"Move {review.title} back to {chosen.lower()}?",
            unpublishing=chosen,
            withdrawn=publication.withdrawn_by_unpublishing(review),
        )
    return render(request, "reviews/review_form.html", {**context, "form": form, "saved_since": saved_since})


@member_required
@require_safe
def review_detail(request, membership, review_pk):
    from scrutiny.reports import may_request, reports_visible_to

    review = _review_or_404(membership, review_pk)
    framework = membership.partnership.framework
    visible = review.judgements_visible_to(membership)
    judgements = {j.recommendation_id: j for j in review.judgements.all()} if visible else {}
    responses = {r.question_id: r for r in review.question_responses.all()} if visible else {}
    rows = [(rec, judgements.get(rec.pk)) for rec in framework.recommendations.all()]
    questions = [
        (question, responses.get(question.pk))
        for question in framework.questions.filter(audience=ReflectiveQuestion.Audience.SCRUTINEER)
    ]
    reports = list(reports_visible_to(membership, review))
    return render(
        request,
        "reviews/review_detail.html",
        {
            "membership": membership,
            "review": review,
            "judgements_visible": visible,
            "rows": rows,
            "questions": questions,
            "evidence_count": evidence_in_scope(membership.partnership, review).count(),
            "history": history_entries(review),
            "reports": reports,
            # Finals of a review not published (now): listed to scrutineers and leads, served to no one else.
            "finals_withheld": not review.is_published and any(r.kind == "final" for r in reports),
            "can_request_draft": may_request(membership, review, "draft"),
            "can_request_final": may_request(membership, review, "final"),
            "can_publish": membership.can_manage_reviews and not review.is_published,
        },
    )


@member_required
def review_publish(request, membership, review_pk):
    """GET: who will then read what; POST (the scrutineer's confirmation): publish. Nothing else publishes."""
    review = _review_or_404(membership, review_pk)
    require(membership, "can_manage_reviews")
    if review.is_published:
        messages.info(request, "This review is already published.")
        return redirect(review)
    if request.method == "POST":
        publication.publish_review(membership=membership, review=review)
        messages.success(request, f"“{review.title}” is published. You can now build its final report.")
        return redirect(f"{review.get_absolute_url()}#reports")
    return render(
        request,
        "reviews/review_publish.html",
        {
            "membership": membership,
            "review": review,
            "readers": publication.readers(membership.partnership),
            "not_yet_assessed": publication.not_yet_assessed(review),
        },
    )


def _evidence_for(membership, review, *, recommendations, question=None):
    """Evidence a judgement may rely on: this partnership's, current, about these recommendations or question."""
    scope = Q(recommendations__in=recommendations)
    if question is not None:
        scope |= Q(questions=question)
    return (
        membership.partnership.evidence.current()
        .filter(scope)
        .distinct()
        .select_related("agency")
        .order_by("-date", "-pk")
    )


def _versioned_page(
    request,
    membership,
    review,
    *,
    record,
    form_class,
    evidence_queryset,
    recommendations,
    save,
    initial,
    template,
    context,
):
    """GET shows the record (and a form to scrutineers); POST saves unless someone else saved first."""
    if not review.judgements_visible_to(membership):
        raise PermissionDenied
    can_edit = membership.can_judge
    offered = {"evidence_queryset": evidence_queryset, "partnership": membership.partnership}
    if can_edit:
        offered["indicators_offered"] = indicators_offered(membership.partnership, recommendations)
    version = record.version if record else 0
    form = None
    saved_since = []
    if can_edit:
        if request.method == "POST":
            form = form_class(request.POST, version=version, **offered)
            if form.is_valid():
                data = dict(form.cleaned_data)
                seen = data.pop("version")
                try:
                    save(membership=membership, seen_version=seen, change_reason=form.identifier_change_reason, **data)
                except StaleEdit as stale:
                    saved_since = refuse_stale(form, stale)
                    record = stale.current
                else:
                    messages.success(request, "Saved.")
                    return redirect(request.path)
        else:
            form = form_class(initial=initial, version=version, **offered)
    elif request.method == "POST":
        raise PermissionDenied
    evidence = list(record.evidence.select_related("agency")) if record else []
    indicators = list(record.indicators.all()) if record else []
    return render(
        request,
        template,
        {
            "membership": membership,
            "review": review,
            "record": record,
            "form": form,
            "relied_on": evidence,
            "cited_indicators": cited_trends(membership, indicators),
            "history": history_entries(record) if record else [],
            "saved_since": saved_since,
            **language_context(membership.partnership.framework),
            **context(record, evidence, indicators),
        },
    )


@member_required
def judgement_detail(request, membership, review_pk, code):
    review = _review_or_404(membership, review_pk)
    recommendation = get_object_or_404(membership.partnership.framework.recommendations, code=code)
    judgement = Judgement.objects.filter(review=review, recommendation=recommendation).select_related("updated_by")
    judgement = judgement.first()
    initial = {}
    if judgement:
        initial = {
            "level": judgement.level,
            "rationale": judgement.rationale,
            "strengths": judgement.strengths,
            "areas_for_improvement": judgement.areas_for_improvement,
            "evidence": list(judgement.evidence.values_list("pk", flat=True)),
            "indicators": list(judgement.indicators.values_list("pk", flat=True)),
        }

    def save(**data):
        return save_judgement(review=review, recommendation=recommendation, **data)

    def context(record, evidence, indicators):
        level = record.level if record else "not_assessed"
        return {"recommendation": recommendation, "triangulation": triangulate(level, evidence, indicators)}

    return _versioned_page(
        request,
        membership,
        review,
        record=judgement,
        form_class=JudgementForm,
        evidence_queryset=_evidence_for(membership, review, recommendations=[recommendation]),
        recommendations=[recommendation],
        save=save,
        initial=initial,
        template="reviews/judgement_detail.html",
        context=context,
    )


@member_required
def question_response_detail(request, membership, review_pk, code):
    review = _review_or_404(membership, review_pk)
    question = get_object_or_404(
        membership.partnership.framework.questions.prefetch_related("recommendations"), code=code
    )
    response = QuestionResponse.objects.filter(review=review, question=question).select_related("updated_by").first()
    initial = {}
    if response:
        initial = {
            "partnership_response": response.partnership_response,
            "scrutineer_note": response.scrutineer_note,
            "evidence": list(response.evidence.values_list("pk", flat=True)),
            "indicators": list(response.indicators.values_list("pk", flat=True)),
        }

    def save(**data):
        return save_question_response(review=review, question=question, **data)

    return _versioned_page(
        request,
        membership,
        review,
        record=response,
        form_class=QuestionResponseForm,
        evidence_queryset=_evidence_for(
            membership, review, recommendations=question.recommendations.all(), question=question
        ),
        recommendations=question.recommendations.all(),
        save=save,
        initial=initial,
        template="reviews/question_response_detail.html",
        context=lambda record, evidence, indicators: {"question": question},
    )
