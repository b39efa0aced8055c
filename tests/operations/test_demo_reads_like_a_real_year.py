"""The demo's dates tell one coherent story on whatever day it is seeded: each record is dated from `today`,
the moments records were saved (auto-now timestamps, challenge steps, progress updates, history) included,
and nothing is stamped with the moment `seed_demo` ran. Seeding again, on the same day or a later one,
duplicates nothing.

The days used are relative to the real one and in the past, so a record stamped "now" would stand out."""

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from operations.demo import load_content, review_period, seed_demo
from partnerships.models import ActionItem, Evidence, ProgressUpdate
from scrutiny.models import Challenge, ChallengeStep, Judgement, Review

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-for-tests"


def days_before_today(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# Two days at different points of the year (400 and 1000 days back differ by about eight months).
DAYS = [pytest.param(400, id="400-days-ago"), pytest.param(1000, id="1000-days-ago")]


def end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def local(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


@pytest.fixture(params=DAYS)
def day(request, framework):
    today = days_before_today(request.param)
    seed_demo(password=PASSWORD, today=today)
    return today


def test_reviews_run_a_year_each_the_current_one_under_way(day):
    for current in Review.objects.filter(status=Review.Status.JUDGING):
        previous = Review.objects.get(partnership=current.partnership, status=Review.Status.PUBLISHED)
        assert current.period_start < day < current.period_end
        assert (current.period_start, current.period_end) == review_period(day)
        assert previous.period_end == current.period_start - datetime.timedelta(days=1)
        assert previous.period_start == current.period_start.replace(year=current.period_start.year - 1)
        assert current.title == load_content().review_title((current.period_start, current.period_end))
        for review in (current, previous):
            assert local(review.created_at) < review.period_start
            assert [local(h.history_date) for h in review.history.all()] == [local(review.created_at)]


def test_evidence_is_logged_after_its_own_date_within_the_review(day):
    evidence = Evidence.objects.select_related("partnership")
    assert evidence.exists()
    for item in evidence:
        review = item.partnership.reviews.get(status=Review.Status.JUDGING)
        assert review.contains(item.date) and item.date < day
        assert item.date < local(item.created_at) <= day
        assert item.updated_at == item.created_at
        assert [h.history_date for h in item.history.all()] == [item.created_at]


def test_challenges_are_raised_before_they_fall_due_and_answered_after_they_are_raised(day):
    challenges = Challenge.objects.all()
    assert challenges.count() >= 3
    for challenge in challenges:
        assert local(challenge.raised_at) < challenge.response_due
        assert local(challenge.raised_at) <= day
        steps = list(challenge.steps.order_by("at", "pk"))
        assert steps[0].kind == ChallengeStep.Kind.RAISED and steps[0].at == challenge.raised_at
        assert all(a.at < b.at for a, b in zip(steps, steps[1:], strict=False))
        assert steps[-1].at <= end_of(day)
        assert [h.history_date for h in challenge.history.all()] == [challenge.raised_at]
    assert challenges.overdue(today=day).exists()
    assert challenges.filter(response_due__gt=day).exists()


def test_progress_updates_are_spread_over_months_after_each_action_started(day):
    updates = ProgressUpdate.objects.select_related("item")
    for update in updates:
        assert update.item.start_date <= update.date <= day
        assert local(update.created_at) == update.date
    dates = sorted(updates.values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days >= 90
    for item in ActionItem.objects.all():
        assert local(item.created_at) <= item.start_date < item.due_date
        assert item.created_at <= item.updated_at <= end_of(day)
        last = item.updates.order_by("-created_at").first()
        if last:
            assert item.updated_at == last.created_at
    assert ActionItem.objects.overdue(today=day).exists()


def test_judgements_are_made_after_the_evidence_they_rely_on_and_after_their_period(day):
    for judgement in Judgement.objects.select_related("review"):
        assert judgement.updated_at <= end_of(day)
        assert [h.history_date for h in judgement.history.all()] == [judgement.updated_at]
        if judgement.review.status == Review.Status.PUBLISHED:
            assert local(judgement.updated_at) > judgement.review.period_end
        for item in judgement.evidence.all():
            assert item.created_at < judgement.updated_at


def _moments():
    """Every saved moment (DateTimeField) of every row of the apps the demo fills, history included."""
    for model in apps.get_models():
        if model._meta.app_label not in {"partnerships", "scrutiny", "case_audits", "surveys"}:
            continue
        names = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
        for row in model.objects.values_list(*names) if names else []:
            for name, value in zip(names, row, strict=True):
                if value is not None:
                    yield f"{model._meta.label}.{name}", value


def test_nothing_is_stamped_after_the_day_the_demo_was_seeded(day):
    moments = list(_moments())
    assert len(moments) > 100
    assert [(name, value) for name, value in moments if value > end_of(day)] == []


def counts() -> dict:
    ours = {"partnerships", "scrutiny", "recommendations", "case_audits", "surveys", "auth"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in ours}


def test_seeding_again_duplicates_nothing_and_dates_the_story_from_the_new_day(framework):
    first_day, later_day = days_before_today(1000), days_before_today(400)
    seed_demo(password=PASSWORD, today=first_day)
    once = counts()
    seed_demo(password=PASSWORD, today=first_day)
    assert counts() == once  # history included: a second run records nothing
    seed_demo(password=PASSWORD, today=later_day)
    assert counts() == once
    current = Review.objects.filter(status=Review.Status.JUDGING)
    assert {(r.period_start, r.period_end) for r in current} == {review_period(later_day)}
    assert all(r.contains(e.date) for r in current for e in r.partnership.evidence.all())
    for challenge in Challenge.objects.all():
        assert first_day < local(challenge.raised_at) < challenge.response_due
        assert [s.at for s in challenge.steps.all()][-1] <= end_of(later_day)
