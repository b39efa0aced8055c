"""The assurance report: its content, read in a fixed number of queries, rendered to a tagged PDF.

The Celery task calls `build_report(report_id)`; it is idempotent. Gathering and rendering run
outside any transaction; only the two short state changes lock the Report row.

WeasyPrint is imported lazily (it costs ~0.7 s and 50 MB); a worker imports it once.
"""

import gc
import hashlib
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone

from common.naming import display_name
from indicators.trends import moved_most
from partnerships.models import Evidence, ProgressUpdate
from recommendations.models import LanguageGuidance, NationalRecommendation, ReflectiveQuestion
from scrutiny import audit_sections, board_summary, charts, indicator_sections, survey_sections
from scrutiny.models import AssuranceLevel, Challenge, ChallengeStep, Judgement, QuestionResponse, Report, Review
from scrutiny.progress import (
    action_parts,
    actions_in_scope,
    agency_types_taking_part,
    evidence_in_scope,
    missing_agency_types,
)
from scrutiny.report_docx import render_docx
from scrutiny.report_text import distribution, first_sentence, lines
from scrutiny.statement_build import statement_context

# Relative URLs in the report resolve against this base; the fetcher maps it onto our static files.
# ".invalid" is reserved (RFC 2606): nothing is ever fetched from the network.
STATIC_BASE_URL = "https://report-static.invalid/static/"


# ---------------------------------------------------------------- the URL fetcher


def _static_response(path: str):
    from weasyprint.urls import URLFetcherResponse

    path = unquote(path).lstrip("/")
    try:
        found = finders.find(path) if path and ".." not in path.split("/") else None
    except SuspiciousFileOperation:
        found = None
    if not found:
        raise ValueError(f"Not one of our static files: {path!r}")
    with open(found, "rb") as handle:
        return URLFetcherResponse(f"static:{path}", handle.read())


def _safe_fetch(url: str):
    from weasyprint.urls import URLFetcherResponse

    if url.startswith("data:"):
        import urllib.request

        with urllib.request.urlopen(url) as response:  # noqa: S310 - data: only, checked above
            return URLFetcherResponse(url, response.read(), dict(response.headers))
    if url.startswith("static:"):
        return _static_response(url.removeprefix("static:"))
    if url.startswith(STATIC_BASE_URL):
        return _static_response(url.removeprefix(STATIC_BASE_URL).split("?")[0].split("#")[0])
    raise ValueError(f"The report renderer fetches only our static files, not {url[:100]!r}")


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class SafeURLFetcher(URLFetcher):
        """Serves our own static files and data: URLs; refuses file://, http(s):// and all else."""

        def fetch(self, url, headers=None):
            return _safe_fetch(url)

    return SafeURLFetcher


def safe_url_fetcher(url):
    """Fetch `url` for WeasyPrint, or raise ValueError. render_pdf passes an equivalent URLFetcher."""
    return _safe_fetch(url)


# ---------------------------------------------------------------- the content


@dataclass
class RecommendationSection:
    recommendation: object
    judgement: Judgement | None = None
    questions: list = field(default_factory=list)  # (question, QuestionResponse or None)
    evidence: list = field(default_factory=list)  # relied on by the judgement
    cited_indicators: list = field(default_factory=list)  # the indicators the judgement cites
    linked_evidence_count: int = 0
    missing_agency_types: list = field(default_factory=list)  # labels, as "Who is missing" on the pages
    actions: list = field(default_factory=list)
    challenges: list = field(default_factory=list)
    indicators: indicator_sections.IndicatorSection | None = None  # each indicator's trend and chart, gaps
    audit: audit_sections.AuditSummary | None = None  # the latest published case audit round's grades for it
    survey: survey_sections.SurveySummary | None = None  # the latest published survey round's figures for it

    @property
    def level_display(self) -> str:
        return self.judgement.get_level_display() if self.judgement else AssuranceLevel.NOT_ASSESSED.label

    @property
    def is_judged(self) -> bool:
        return self.judgement is not None and self.judgement.level != AssuranceLevel.NOT_ASSESSED

    @property
    def reason(self) -> str:
        """The one line the board summary gives for the level: the rationale's first sentence."""
        return first_sentence(self.judgement.rationale) if self.is_judged else ""

    @property
    def answered_questions(self) -> list:
        """(question, response) for each question with a response or a scrutineer's note."""
        return [(question, response) for question, response in self.questions if _answered(response)]

    @property
    def unanswered_codes(self) -> list[str]:
        """The scrutineers' questions nobody has answered yet; professionals' questions are left out."""
        return [
            question.code
            for question, response in self.questions
            if question.audience == ReflectiveQuestion.Audience.SCRUTINEER and not _answered(response)
        ]


def _answered(response) -> bool:
    return response is not None and bool(response.partnership_response.strip() or response.scrutineer_note.strip())


@dataclass(frozen=True)
class LevelChange:
    """A recommendation whose assurance level differs from the previous review's."""

    recommendation: object
    previous: str  # the level's label
    current: str


def _latest_updates(actions):
    for item in actions:
        updates = item.newest_updates
        item.latest_update = updates[0] if updates else None
    return actions


def report_context(report, built_at) -> dict:
    """Everything the report shows, read in a fixed number of queries whatever the amounts."""
    review = (
        Review.objects.select_related("partnership__framework").prefetch_related("scrutineers").get(pk=report.review_id)
    )
    partnership = review.partnership
    framework = partnership.framework
    recommendations = list(
        framework.recommendations.order_by("position").prefetch_related(
            Prefetch("questions", queryset=review_questions(), to_attr="linked_questions")
        )
    )
    sections = {rec.pk: RecommendationSection(rec) for rec in recommendations}
    # Each step reads one part of the review and files it under the recommendations it serves.
    _add_judgements(sections, review)
    _add_questions(sections, recommendations, review)
    evidence = _evidence(sections, partnership, review)
    actions = _actions(sections, partnership, review)
    _add_missing_agency_types(sections, recommendations, evidence, partnership, review)
    challenges = _challenges(sections, partnership, review)
    _add_indicators(sections, partnership, recommendations)
    indicator_movers = _indicators_that_moved_most(sections.values())
    latest_audit = _add_audits(sections, partnership, recommendations)
    _add_surveys(sections, partnership, recommendations)
    history = _assurance_history(report, review)
    report_charts = _report_charts(recommendations, actions, sections, history)

    section_list = [sections[rec.pk] for rec in recommendations]
    built_local = timezone.localtime(built_at)
    is_draft = report.kind == Report.Kind.DRAFT
    return {
        "report": report,
        "is_draft": is_draft,
        "marking": settings.REPORT_PROTECTIVE_MARKING,
        "version_label": f"{report.get_kind_display()} report, version {report.number}",
        "distribution": distribution(partnership, is_draft=is_draft),
        "board_meeting": review.board_meeting,
        "opinion": review.overall_opinion.strip(),
        "board_asks": lines(review.board_asks),
        "priorities": lines(review.next_priorities),
        **_changes_since_previous(review, recommendations, history),
        "voices": [item for item in evidence if item.source == Evidence.Source.VOICES],
        "indicator_movers": indicator_movers,
        "latest_audit": latest_audit,
        "review": review,
        "subject": review,
        "partnership": partnership,
        "framework": framework,
        "scrutineers": [display_name(u) for u in review.scrutineers.all()],
        "built_at": built_local,
        "sections": section_list,
        "judged": [s for s in section_list if s.is_judged],
        "strengths": [s for s in section_list if s.judgement and s.judgement.strengths.strip()],
        "improvements": [s for s in section_list if s.judgement and s.judgement.areas_for_improvement.strip()],
        "evidence": evidence,
        "actions": actions,
        "challenges": challenges,
        "open_challenges": [c for c in challenges if c.is_open],
        "charts": report_charts,
        "national_recommendations": list(NationalRecommendation.objects.filter(framework=framework)),
        "language_guidance": list(LanguageGuidance.objects.filter(framework=framework)),
        "header_text": f"{partnership.name} – {review.title}",
    }


def _add_judgements(sections: dict, review) -> None:
    """Each recommendation's judgement, and the evidence and indicators it relies on."""
    judgements = (
        Judgement.objects.filter(review=review)
        .select_related("recommendation")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("agency")), "indicators")
    )
    for judgement in judgements:
        if judgement.recommendation_id in sections:
            section = sections[judgement.recommendation_id]
            section.judgement = judgement
            section.evidence = list(judgement.evidence.all())
            section.cited_indicators = list(judgement.indicators.all())


def _add_questions(sections: dict, recommendations: list, review) -> None:
    """Each recommendation's reflective questions, with the review's response to each or None."""
    responses = {r.question_id: r for r in QuestionResponse.objects.filter(review=review)}
    for rec in recommendations:
        sections[rec.pk].questions = [(q, responses.get(q.pk)) for q in rec.linked_questions]


def _evidence(sections: dict, partnership, review) -> list:
    """The evidence in the review's scope, oldest first, counted under each recommendation it serves."""
    evidence = list(
        evidence_in_scope(partnership, review)
        .select_related("agency")
        .prefetch_related("recommendations")
        .order_by("date", "pk")
    )
    for item in evidence:
        for rec in item.recommendations.all():
            if rec.pk in sections:
                sections[rec.pk].linked_evidence_count += 1
    return evidence


def _actions(sections: dict, partnership, review) -> list:
    """The actions in the review's scope, by due date, each with its latest update, listed under each
    recommendation it serves."""
    actions = _latest_updates(
        list(
            actions_in_scope(partnership, review)
            .select_related("owner_agency")
            .prefetch_related(
                "recommendations",
                Prefetch(
                    "updates",
                    queryset=ProgressUpdate.objects.order_by("-date", "-created_at", "-pk"),
                    to_attr="newest_updates",
                ),
            )
            .order_by("due_date", "pk")
        )
    )
    for item in actions:
        for rec in item.recommendations.all():
            if rec.pk in sections:
                sections[rec.pk].actions.append(item)
    return actions


def _add_missing_agency_types(sections: dict, recommendations: list, evidence: list, partnership, review) -> None:
    """Who is missing: the pages' definition (scrutiny.progress), from the same scope."""
    # evidence_parts rows from the evidence already read (agency and recommendations with it).
    evidence_rows = [
        (item.pk, rec.pk, item.agency_id, item.agency.type if item.agency_id else None, None)
        for item in evidence
        for rec in item.recommendations.all()
    ]
    taking_part = agency_types_taking_part(evidence_rows, action_parts(actions_in_scope(partnership, review)))
    for rec in recommendations:
        sections[rec.pk].missing_agency_types = missing_agency_types(rec, taking_part)


def _challenges(sections: dict, partnership, review) -> list:
    """The partnership's challenges of this review or of none, by response date, with their steps,
    listed under each recommendation they name."""
    challenges = list(
        Challenge.objects.filter(partnership=partnership)
        .filter(Q(review=review) | Q(review__isnull=True))
        .select_related("agency")
        .prefetch_related(
            "recommendations",
            Prefetch("steps", queryset=ChallengeStep.objects.select_related("by").order_by("at", "pk")),
        )
        .order_by("response_due", "pk")
    )
    for challenge in challenges:
        for rec in challenge.recommendations.all():
            if rec.pk in sections:
                sections[rec.pk].challenges.append(challenge)
    return challenges


def _indicators_that_moved_most(sections) -> list:
    """For the board summary: of the trends the sections already hold, those whose latest value moved furthest
    from the period before's, furthest first (indicators.trends.moved_most)."""
    trends = {
        item.indicator.pk: item.trend for section in sections if section.indicators for item in section.indicators.shown
    }
    return moved_most(list(trends.values()), board_summary.MOVERS)


def _add_indicators(sections: dict, partnership, recommendations: list) -> None:
    """Each recommendation's indicators with their trends and charts, every trend read once."""
    found = indicator_sections.by_recommendation(partnership, recommendations, chart_prefix="report-indicator")
    for rec in recommendations:
        sections[rec.pk].indicators = found[rec.pk]


def _add_audits(sections: dict, partnership, recommendations: list):
    """Each recommendation's latest published case audit round, its linked domains' grades with their chart;
    returns the latest published round's results, whose weakest domains the board summary names. A report is a
    board paper, read by viewers once final: published rounds only, whoever asks (scrutiny.audit_sections)."""
    found = audit_sections.for_report(partnership, recommendations, chart_prefix="report-audit")
    for rec in recommendations:
        sections[rec.pk].audit = found.by_recommendation.get(rec.pk)
    return found.latest


def _add_surveys(sections: dict, partnership, recommendations: list) -> None:
    """Each recommendation's latest published survey round, its linked areas' confidence and training with their
    charts, suppressed by surveys.results: published rounds only, whoever asks (scrutiny.survey_sections)."""
    found = survey_sections.for_report(partnership, recommendations, chart_prefix="report-survey")
    for rec in recommendations:
        sections[rec.pk].survey = found.get(rec.pk)


def _changes_since_previous(review, recommendations: list, history) -> dict:
    """Against the review before this one in the assurance history: each recommendation judged now whose
    level moved (LevelChange), the codes of those judged at the same level, and of those not judged yet."""
    reviews, levels = history
    found = {"previous_review": None, "changes": [], "unchanged": [], "not_yet_judged": []}
    if len(reviews) < 2:
        return found
    previous = found["previous_review"] = reviews[-2]
    label = dict(AssuranceLevel.choices)
    not_assessed = AssuranceLevel.NOT_ASSESSED
    for rec in recommendations:
        before = levels.get((previous.pk, rec.pk)) or not_assessed
        now = levels.get((review.pk, rec.pk)) or not_assessed
        if now == not_assessed:
            found["not_yet_judged"].append(rec.code)
        elif now == before:
            found["unchanged"].append(rec.code)
        else:
            found["changes"].append(LevelChange(rec, label[before], label[now]))
    return found


def _report_charts(recommendations: list, actions: list, sections: dict, history) -> list:
    """The report's two charts: action plan items by status, and assurance across reviews."""
    status_counts, status_totals = _status_counts(actions, sections)
    reviews, levels = history
    history_rows = [(rec.code, [levels.get((r.pk, rec.pk)) for r in reviews]) for rec in recommendations]
    return [
        charts.actions_by_status(
            [(rec.code, dict(status_counts[rec.pk])) for rec in recommendations],
            totals=dict(status_totals),
            chart_id="report-actions-by-status",
            title="Action plan items by status, for each recommendation",
        ),
        charts.assurance_across_reviews(
            [r.title for r in reviews],
            history_rows,
            chart_id="report-assurance",
            title="Assurance level across reviews",
        ),
    ]


def _status_counts(actions: list, sections: dict) -> tuple[dict, dict]:
    """{recommendation pk: {status: actions}}, and {status: actions} counting each action once,
    however many recommendations it serves."""
    status_counts = defaultdict(lambda: defaultdict(int))
    status_totals = defaultdict(int)
    for item in actions:
        serves = [rec for rec in item.recommendations.all() if rec.pk in sections]
        for rec in serves:
            status_counts[rec.pk][item.status] += 1
        if serves:
            status_totals[item.status] += 1
    return status_counts, status_totals


def _assurance_history(report, review) -> tuple[list, dict]:
    """Assurance across this partnership's reviews up to and including this one: the reviews, oldest
    first, and their levels by (review pk, recommendation pk). A final report is read by every member,
    so it shows only published reviews, as the overview does to them."""
    earlier = Review.objects.filter(partnership=review.partnership, period_start__lte=review.period_start)
    if report.kind == Report.Kind.FINAL:
        earlier = earlier.filter(Q(status=Review.Status.PUBLISHED) | Q(pk=review.pk))
    reviews = list(earlier.order_by("period_start", "pk"))
    return reviews, Judgement.objects.levels(reviews)


def review_questions():
    return ReflectiveQuestion.objects.order_by("audience", "position")


# ---------------------------------------------------------------- rendering


def render_html(report, built_at=None) -> str:
    return render_to_string("reports/report.html", report_context(report, built_at or timezone.now()))


@contextmanager
def _cycle_collector_paused():
    """WeasyPrint builds a large tree of boxes; Python's cycle collector would walk it again and
    again while it grows, for about a quarter of the render time and nothing to free. Pause it
    for the render; it resumes afterwards on its own schedule."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(html: str, *, title: str, author: str, subject: str) -> tuple[bytes, int]:
    """The PDF and its page count, rendered in a thread of its own.

    WeasyPrint's layout recurses deeply, up and down thousands of times. CPython 3.11 keeps frames
    in 16 KB chunks and frees a chunk whenever the depth falls back below it, so how fast a render
    runs depends on how deep its caller is: from a Celery task or `build_report` it ran 20 to 35 per
    cent slower than from a shallow stack (bench/report.py). A new thread starts every render on an
    empty stack. Celery's soft time limit stops the wait; the worker's hard limit stops the thread.
    """
    outcome = {}

    def render():
        try:
            outcome["pdf"] = _render_pdf(html, title=title, author=author, subject=subject)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            outcome["error"] = error

    thread = threading.Thread(target=render, name="report-render", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["pdf"]


def _render_pdf(html: str, *, title: str, author: str, subject: str) -> tuple[bytes, int]:
    from weasyprint import HTML

    with _cycle_collector_paused():
        document = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=_fetcher_class()()).render()
        document.metadata.title = title
        document.metadata.authors = [author]
        document.metadata.description = subject
        document.metadata.lang = "en-GB"
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
        pages = len(document.pages)
    return pdf, pages


def pdf_metadata(context) -> dict:
    review, partnership = context["subject"], context["partnership"]
    kind = "Draft" if context["is_draft"] else "Final"
    return {
        "title": f"{kind} assurance report: {partnership.name}, {review.title}",
        "author": ", ".join(context["scrutineers"]) or "Independent scrutiny",
        "subject": f"Independent scrutiny of {partnership.name} against {context['framework'].title}",
    }


# ---------------------------------------------------------------- the idempotent builder


NOT_PUBLISHED_REASON = (
    "The review was not published when this final report came to be built, so it was not built. "
    "Publish the review, then build the final report again."
)


def build_report(report_id) -> Report:
    """Build a report's PDF and its Word edition once, both from one reading of the records (one context,
    one HTML). A ready report is returned unchanged; exceptions propagate.

    A final report of a review that is not published (it was moved back after the request) ends
    failed with NOT_PUBLISHED_REASON: a final is only ever built of a published review.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == Report.Status.READY:
            return report
        if (
            report.kind == Report.Kind.FINAL
            and report.review_id
            and not Review.objects.filter(pk=report.review_id, status=Review.Status.PUBLISHED).exists()
        ):
            report.status = Report.Status.FAILED
            report.failure_reason = NOT_PUBLISHED_REASON
            report.finished_at = timezone.now()
            report.save(update_fields=["status", "failure_reason", "finished_at"])
            return report
        report.status = Report.Status.BUILDING
        report.started_at = timezone.now()
        report.attempts += 1
        report.save(update_fields=["status", "started_at", "attempts"])

    built_at = timezone.now()
    if report.statement_id:
        context, template = statement_context(report, built_at), "reports/statement.html"
    else:
        context, template = report_context(report, built_at), "reports/report.html"
    html = render_to_string(template, context)
    metadata = pdf_metadata(context)
    pdf, pages = render_pdf(html, **metadata)
    docx = render_docx(context, html, **metadata)

    written = []
    try:
        with transaction.atomic():
            report = (
                Report.objects.select_for_update(of=("self",)).select_related("review", "statement").get(pk=report_id)
            )
            if report.status == Report.Status.READY:
                return report  # another delivery finished first; nothing of ours was written
            _save_file(report.file, "report.pdf", pdf, written)
            _save_file(report.docx_file, "report.docx", docx, written)
            report.sha256 = hashlib.sha256(pdf).hexdigest()
            report.size = len(pdf)
            report.pages = pages
            report.docx_sha256 = hashlib.sha256(docx).hexdigest()
            report.docx_size = len(docx)
            report.finished_at = timezone.now()
            report.status = Report.Status.READY
            report.failure_reason = ""
            files = ["file", "sha256", "size", "pages", "docx_file", "docx_sha256", "docx_size"]
            report.save(update_fields=[*files, "finished_at", "status", "failure_reason"])
    except Exception:
        for storage, name in written:
            storage.delete(name)
        raise
    return report


def _save_file(stored, filename: str, content: bytes, written: list) -> None:
    """Save `content` as the report's file `stored`, noting (storage, name) in `written` for the clean-up."""
    # The name is fixed per report: a file there is left from an attempt that died before committing.
    name = stored.field.generate_filename(stored.instance, filename)
    if stored.storage.exists(name):
        stored.storage.delete(name)
    stored.save(filename, ContentFile(content), save=False)
    written.append((stored.storage, stored.name))
