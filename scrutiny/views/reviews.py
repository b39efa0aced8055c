"""Review cycles, and the scrutineer's judgements and question responses within them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from common.history import history_entries
from partnerships.access import member_required
from recommendations.language import language_context
from recommendations.models import ReflectiveQuestion
from scrutiny.judgements import StaleEdit, save_judgement, save_question_response, triangulate
from scrutiny.models import Judgement, QuestionResponse
from scrutiny.progress import evidence_in_scope
from scrutiny.review_forms import JudgementForm, QuestionResponseForm, ReviewForm


def _review_or_404(membership, review_pk):
    return get_object_or_404(membership.partnership.reviews.prefetch_related("scrutineers"), pk=review_pk)


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


@member_required
def review_list(request, membership):
    reviews = membership.partnership.reviews.all()
    return render(request, "reviews/review_list.html", {"membership": membership, "reviews": reviews})


@transaction.atomic
def _save_review(form):
    review = form.save(commit=False)
    review.save()
    form.save_m2m()
    return review


@member_required
def review_create(request, membership):
    _require(membership.can_manage_reviews)
    partnership = membership.partnership
    review_form = ReviewForm(
        request.POST or None,
        partnership=partnership,
        instance=partnership.reviews.model(partnership=partnership),
        initial={"scrutineers": [request.user]},
    )
    if request.method == "POST" and review_form.is_valid():
        review = _save_review(review_form)
        messages.success(request, f"Review “{review.title}” created.")
        return redirect(review)
    return render(
        request, "reviews/review_form.html", {"membership": membership, "form": review_form, "heading": "New review"}
    )


@member_required
def review_edit(request, membership, review_pk):
    _require(membership.can_manage_reviews)
    review = _review_or_404(membership, review_pk)
    review_form = ReviewForm(request.POST or None, partnership=membership.partnership, instance=review)
    if request.method == "POST" and review_form.is_valid():
        _save_review(review_form)
        messages.success(request, "Review saved.")
        return redirect(review)
    return render(
        request,
        "reviews/review_form.html",
        {"membership": membership, "form": review_form, "review": review, "heading": f"Edit {review.title}"},
    )


@member_required
def review_detail(request, membership, review_pk):
    from scrutiny.reports import can_request, reports_visible_to

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
            "reports": reports_visible_to(membership, review),
            "can_request_draft": can_request(membership, "draft"),
            "can_request_final": can_request(membership, "final"),
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
    request, membership, review, *, record, form_class, evidence_queryset, save, initial, template, context
):
    """GET shows the record (and a form to scrutineers); POST saves unless someone else saved first."""
    _require(review.judgements_visible_to(membership))
    can_edit = membership.can_judge
    version = record.version if record else 0
    form = None
    if can_edit:
        if request.method == "POST":
            form = form_class(request.POST, evidence_queryset=evidence_queryset)
            if form.is_valid():
                data = dict(form.cleaned_data)
                seen = data.pop("version")
                try:
                    save(by=request.user, seen_version=seen, change_reason=form.identifier_change_reason, **data)
                except StaleEdit as stale:
                    who = stale.current.updated_by
                    name = (who.get_full_name() or who.username) if who else "Someone"
                    when = timezone.localtime(stale.current.updated_at).strftime("%H:%M on %d %B %Y")
                    form.add_error(
                        None,
                        f"{name} saved this at {when}, after you opened it. Your text is kept below and "
                        "nothing was saved: compare it with the saved version, then save again.",
                    )
                    # Saving again is now a deliberate choice over the newer version.
                    form.data = form.data.copy()
                    form.data["version"] = stale.current.version
                    record = stale.current
                else:
                    messages.success(request, "Saved.")
                    return redirect(request.path)
        else:
            form = form_class(initial={**initial, "version": version}, evidence_queryset=evidence_queryset)
    elif request.method == "POST":
        raise PermissionDenied
    evidence = list(record.evidence.select_related("agency")) if record else []
    return render(
        request,
        template,
        {
            "membership": membership,
            "review": review,
            "record": record,
            "form": form,
            "relied_on": evidence,
            "history": history_entries(record) if record else [],
            **language_context(membership.partnership.framework),
            **context(record, evidence),
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
        }

    def save(**data):
        return save_judgement(review=review, recommendation=recommendation, **data)

    def context(record, evidence):
        level = record.level if record else "not_assessed"
        return {"recommendation": recommendation, "triangulation": triangulate(level, evidence)}

    return _versioned_page(
        request,
        membership,
        review,
        record=judgement,
        form_class=JudgementForm,
        evidence_queryset=_evidence_for(membership, review, recommendations=[recommendation]),
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
        save=save,
        initial=initial,
        template="reviews/question_response_detail.html",
        context=lambda record, evidence: {"question": question},
    )
