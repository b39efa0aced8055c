"""How long an assurance report takes to build, beside WeasyPrint's own time for the same HTML and the
Word edition's.

    .venv/bin/python bench/report.py
    DATABASE_URL=postgres://... .venv/bin/python bench/report.py

For 300 and then 900 evidence items (each size in a fresh subprocess, so that peak RSS is
its own), seeds one partnership with that evidence, 60 action items with 5 progress updates
each, 40 challenges with their steps, judgements and question responses; then builds a draft
report with `build_report` (gather, render HTML, WeasyPrint, save the file), counting SQL
queries, and renders the same finished HTML with WeasyPrint alone. A tiny document is
rendered first so that neither timing pays WeasyPrint's one-off font set-up; then builds and
renders take turns, three of each, and each keeps its fastest, so that both are measured in
the same warm state. The build makes the Word edition too (from the same HTML); the Word
edition is also timed alone (`render_docx` of the same context and HTML, beside WeasyPrint's
render: each renderer's own time), and its queries counted on their own: `report_context` and
`render_docx` of that context, which renders the template itself.

The database is a throwaway one made the way the test runner makes it: a SQLite file in a
temporary folder by default, or, with DATABASE_URL set to PostgreSQL, a database of its own
(bench_report_<pid>), dropped at the end. Nothing in an existing database is touched.

The last lines are for scripts:
    report_ratio=<r300> queries_300=<n> queries_900=<n> peak_rss_mb_900=<m> pages_900=<p> pages_per_s_900=<s>
    word_s_300=<s> word_s_900=<s> word_to_pdf_900=<r> word_queries_300=<n> word_queries_900=<n>
"""

import argparse
import datetime
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import setup_django  # noqa: E402

AGENCIES = [
    ("Police", "police"),
    ("Children's Social Care", "childrens_social_care"),
    ("Integrated Care Board", "health"),
    ("Probation Service", "probation"),
    ("Education Safeguarding Team", "education"),
    ("Voluntary Sector Forum", "voluntary_sector"),
]
# Turns of build and WeasyPrint-alone render per size; each figure is the fastest of its turns.
ROUNDS = 3
STATUSES = ["not_started", "on_track", "at_risk", "off_track", "complete"]
LEVELS = ["substantial", "reasonable", "limited", "none", "reasonable", "limited"]


def seed(n_evidence: int):
    """One partnership with a review and everything a full report shows; returns the review and a user."""
    from partnerships.models import ActionItem, Agency, Evidence, Membership, Partnership, ProgressUpdate
    from recommendations.loader import framework_files, load_framework
    from scrutiny.models import Challenge, ChallengeStep, Judgement, QuestionResponse, Review
    from tests.support.builders import make_member

    framework = load_framework(framework_files()[0]).framework
    recs = list(framework.recommendations.order_by("position"))
    partnership = Partnership.objects.create(
        name="Benchmere Partnership", slug="benchmere", area="Benchmere", framework=framework
    )
    agencies = Agency.objects.bulk_create(
        Agency(partnership=partnership, name=name, type=kind) for name, kind in AGENCIES
    )
    lead = make_member("bench-lead", partnership, Membership.Role.LEAD)
    scrutineer = make_member("bench-scrutineer", partnership, Membership.Role.SCRUTINEER)
    review = Review.objects.create(
        partnership=partnership,
        title="Annual review 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        status=Review.Status.JUDGING,
    )
    review.scrutineers.add(scrutineer)

    evidence = Evidence.objects.bulk_create(
        Evidence(
            partnership=partnership,
            title=f"Multi-agency audit of strategy discussions, sample {i}",
            summary="Case-file audit of strategy discussions: attendance, information shared, outcome.",
            type=Evidence.Type.AUDIT,
            source=Evidence.Source.AUDIT,
            strength=Evidence.Strength.DOCUMENTED if i % 3 else "",
            agency=agencies[i % len(agencies)],
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 360),
            confirmed_no_identifying_details=True,
            created_by=lead,
        )
        for i in range(n_evidence)
    )
    link = Evidence.recommendations.through
    link.objects.bulk_create(link(evidence=e, recommendation=recs[i % len(recs)]) for i, e in enumerate(evidence))

    judgements = Judgement.objects.bulk_create(
        Judgement(
            review=review,
            recommendation=rec,
            level=LEVELS[k % len(LEVELS)],
            rationale="The partnership has a plan; audits show practice changing in most agencies.",
            strengths="Strategy discussions now include health in most cases.",
            areas_for_improvement="Children's voices are not yet gathered systematically.",
        )
        for k, rec in enumerate(recs)
    )
    relied = Judgement.evidence.through
    relied.objects.bulk_create(
        relied(judgement=judgements[i % len(recs)], evidence=e) for i, e in enumerate(evidence) if i % 5 == 0
    )
    questions = {q for rec in recs for q in rec.questions.all()}
    QuestionResponse.objects.bulk_create(
        QuestionResponse(
            review=review,
            question=q,
            partnership_response="The partnership board reviewed this in March and agreed the actions in the plan.",
            scrutineer_note="Supported by the audit sample; impact on children not yet shown.",
        )
        for q in questions
    )

    actions = ActionItem.objects.bulk_create(
        ActionItem(
            partnership=partnership,
            description=f"Action {i}: audit health attendance at strategy discussions and report to the board",
            owner_agency=agencies[i % len(agencies)],
            lead_name=f"Lead {i}",
            start_date=datetime.date(2026, 2, 1),
            due_date=datetime.date(2026, 11, 30),
            status=STATUSES[i % len(STATUSES)],
            created_by=lead,
        )
        for i in range(60)
    )
    action_link = ActionItem.recommendations.through
    action_link.objects.bulk_create(
        action_link(actionitem=a, recommendation=recs[i % len(recs)]) for i, a in enumerate(actions)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            item=a,
            author=lead,
            date=datetime.date(2026, 3, 1) + datetime.timedelta(days=30 * k),
            note=f"Update {k}: audit sample taken and findings shared with the agency leads.",
        )
        for a in actions
        for k in range(5)
    )

    challenges = Challenge.objects.bulk_create(
        Challenge(
            partnership=partnership,
            review=review,
            agency=agencies[i % len(agencies)] if i % 4 else None,
            text=f"Challenge {i}: how do you know that children's voices shape the strategy discussion?",
            response_due=datetime.date(2026, 10, 1),
            status=Challenge.Status.RESPONDED if i % 2 else Challenge.Status.AWAITING_RESPONSE,
            raised_by=scrutineer,
        )
        for i in range(40)
    )
    challenge_link = Challenge.recommendations.through
    challenge_link.objects.bulk_create(
        challenge_link(challenge=c, recommendation=recs[i % len(recs)]) for i, c in enumerate(challenges)
    )
    ChallengeStep.objects.bulk_create(
        ChallengeStep(challenge=c, kind=kind, text=text, by=scrutineer if kind == "raised" else lead)
        for i, c in enumerate(challenges)
        for kind, text in [("raised", c.text), *([("response", "We have added a voices audit to the plan.")] * (i % 2))]
    )
    return review, scrutineer


def measure(n_evidence: int) -> dict:
    """Runs in the child process: seeds, builds, times; returns the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        connection, old_name = setup_django(Path(tmp), "bench_report")
        try:
            from django.template.loader import render_to_string
            from django.test.utils import CaptureQueriesContext

            from scrutiny.models import Report
            from scrutiny.report_build import build_report, pdf_metadata, render_pdf, report_context
            from scrutiny.report_docx import render_docx

            review, user = seed(n_evidence)
            render_pdf("<html lang='en-GB'><p>warm up</p></html>", title="t", author="a", subject="s")

            # Builds and WeasyPrint-alone renders take turns, ROUNDS of each, and each keeps its fastest:
            # the process's first large render is slower than later ones (its heap and WeasyPrint's caches
            # grow), so comparing a first build with a second render would charge that to our own work.
            # Each timing starts with nothing left to collect and ends when its own garbage is collected,
            # so neither pays for the other's (the render leaves about half a second of cycles behind).
            build_times, weasy_times, word_times = [], [], []
            for _ in range(ROUNDS):
                report = Report.objects.create(review=review, kind=Report.Kind.DRAFT, requested_by=user)
                gc.collect()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    report = build_report(report.pk)
                gc.collect()
                build_times.append(time.perf_counter() - started)
                assert report.status == Report.Status.READY

                context = report_context(report, report.finished_at)
                html = render_to_string("reports/report.html", context)
                gc.collect()
                started = time.perf_counter()
                _, pages = render_pdf(html, **pdf_metadata(context))
                gc.collect()
                weasy_times.append(time.perf_counter() - started)

                started = time.perf_counter()
                word = render_docx(context, html, **pdf_metadata(context))
                gc.collect()
                word_times.append(time.perf_counter() - started)
            # The Word edition's own reading: the context, and the template rendered for it.
            with CaptureQueriesContext(connection) as word_captured:
                context = report_context(report, report.finished_at)
                render_docx(context, **pdf_metadata(context))
        finally:
            if connection.vendor != "sqlite":
                connection.close()
                connection.creation.destroy_test_db(old_name, verbosity=0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "evidence": n_evidence,
        "build_s": min(build_times),
        "weasy_s": min(weasy_times),
        "queries": len(captured),
        "pages": report.pages,
        "pages_rerender": pages,
        "size_kb": report.size / 1024,
        "peak_rss_mb": peak_mb,
        "word_s": min(word_times),
        "word_queries": len(word_captured),
        "word_kb": len(word) / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="300,900", help="evidence counts, comma-separated")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")

    if args.child:
        print(json.dumps(measure(args.child)))
        return

    results = {}
    print(
        f"{'evidence':>9}{'build s':>9}{'weasy s':>9}{'ratio':>7}{'queries':>9}"
        f"{'pages':>7}{'pages/s':>9}{'KB':>7}{'peak MB':>9}{'word s':>8}{'word/weasy':>11}{'word q':>8}{'word KB':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)], check=True, capture_output=True, text=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        results[size] = r
        print(
            f"{size:>9}{r['build_s']:>9.2f}{r['weasy_s']:>9.2f}{r['build_s'] / r['weasy_s']:>7.2f}{r['queries']:>9}"
            f"{r['pages']:>7}{r['pages'] / r['build_s']:>9.1f}{r['size_kb']:>7.0f}{r['peak_rss_mb']:>9.0f}"
            f"{r['word_s']:>8.2f}{r['word_s'] / r['weasy_s']:>11.2f}{r['word_queries']:>8}{r['word_kb']:>8.0f}"
        )
    small, large = results.get(300), results.get(900)
    if small and large:
        print(
            f"report_ratio={small['build_s'] / small['weasy_s']:.2f} queries_300={small['queries']} "
            f"queries_900={large['queries']} peak_rss_mb_900={large['peak_rss_mb']:.0f} pages_900={large['pages']} "
            f"pages_per_s_900={large['pages'] / large['build_s']:.1f}"
        )
        print(
            f"word_s_300={small['word_s']:.2f} word_s_900={large['word_s']:.2f} "
            f"word_to_pdf_900={large['word_s'] / large['weasy_s']:.2f} "
            f"word_queries_300={small['word_queries']} word_queries_900={large['word_queries']}"
        )


if __name__ == "__main__":
    main()
