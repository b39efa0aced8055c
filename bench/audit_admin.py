"""How the audit admin answers with a million access events, and what one recorded event costs.

    DEBUG=1 DATABASE_URL=postgres://... .venv/bin/python bench/audit_admin.py [--events 1000000]

Fills a throwaway database (bench_audit_admin_<pid> on PostgreSQL, or a SQLite file in a
temporary folder without DATABASE_URL) with `--events` access events spread over 150
partnerships, 4,500 usernames and 62,500 addresses, in one INSERT ... SELECT on PostgreSQL.
Then, as a superuser through Django's test client, times the changelist with no filter, each
kind of search (exact username, address, path prefix) and the kind and partnership filters
(the second of two requests, the first warming the caches), and prints the plan PostgreSQL
chose for the page's rows. Last, times 2,000 calls of audit.records.record() for a refusal
(the partnership looked up inside the INSERT). DEBUG=1 only so that the admin's static files
need no collectstatic; the database is dropped at the end.

The last line is for scripts:
    slowest_changelist_ms=<x> record_us=<y>
"""

import argparse
import datetime
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import setup_django  # noqa: E402

KINDS = ["signed_in", "sign_in_failed", "signed_out", "refused", "downloaded_attachment", "downloaded_report"]
SEED_POSTGRESQL = """
    INSERT INTO audit_accessevent (at, kind, username, path, detail, partnership_id, ip_address, user_agent)
    SELECT now() - (g || ' seconds')::interval, (%s::text[])[1 + g %% 6], 'user' || (g %% 4500),
           '/partnerships/p' || (g %% 150) || '/evidence/' || g || '/', '', %s + g %% 150,
           ('10.' || (g %% 250) || '.' || (g / 250 %% 250) || '.1')::inet, 'Mozilla/5.0'
    FROM generate_series(1, %s) g
"""


def seed(connection, events, first_partnership):
    from django.utils import timezone

    from audit.models import AccessEvent

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(SEED_POSTGRESQL, [KINDS, first_partnership, events])
            cursor.execute("ANALYZE audit_accessevent")
        return
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        (
            AccessEvent(
                at=now - datetime.timedelta(seconds=g),
                kind=KINDS[g % 6],
                username=f"user{g % 4500}",
                path=f"/partnerships/p{g % 150}/evidence/{g}/",
                partnership_id=first_partnership + g % 150,
                ip_address=f"10.{g % 250}.{g // 250 % 250}.1",
                user_agent="Mozilla/5.0",
            )
            for g in range(1, events + 1)
        ),
        batch_size=5000,
    )


def plan(connection, sql):
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return next((row[0].strip(" ->") for row in cursor.fetchall() if "Scan" in row[0]), "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    connection, old_name = setup_django(folder, "bench_audit_admin")
    try:
        from django.contrib.auth import get_user_model
        from django.test import Client, RequestFactory
        from django.test.utils import CaptureQueriesContext

        from audit.models import AccessEvent
        from audit.records import record
        from partnerships.models import Partnership
        from recommendations.loader import framework_files, load_framework

        framework = load_framework(framework_files()[0]).framework
        Partnership.objects.bulk_create(
            [Partnership(name=f"P{i}", slug=f"p{i}", area=f"A{i}", framework=framework) for i in range(150)]
        )
        started = time.perf_counter()
        seed(connection, args.events, Partnership.objects.order_by("pk").first().pk)
        print(f"{args.events:,} events seeded in {time.perf_counter() - started:.1f} s ({connection.vendor})")

        client = Client()
        client.force_login(get_user_model().objects.create_superuser("siteadmin", "a@example.org", "x" * 16))
        slowest = 0.0
        for label, query in [
            ("no filter", {}),
            ("username", {"q": "user42"}),
            ("address", {"q": "10.7.3.1"}),
            ("path prefix", {"q": "/partnerships/p7/evidence/"}),
            ("kind", {"kind__exact": "refused"}),
            ("partnership", {"partnership__id__exact": Partnership.objects.get(slug="p7").pk}),
        ]:
            client.get("/admin/audit/accessevent/", query)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/admin/audit/accessevent/", query)
            took = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.status_code
            slowest = max(slowest, took)
            rows = next(q["sql"] for q in queries if q["sql"].startswith('SELECT "audit_accessevent"."id"'))
            print(f"{label:12} {took:6.1f} ms  {len(queries)} queries  {plan(connection, rows)[:90]}")

        request = RequestFactory().get("/partnerships/p7/evidence/1/", REMOTE_ADDR="10.0.0.1")
        calls = 2000
        before = AccessEvent.objects.count()
        started = time.perf_counter()
        for _ in range(calls):
            record(AccessEvent.Kind.REFUSED, request=request, username="x", partnership="p7", status_code=404)
        each_us = (time.perf_counter() - started) / calls * 1e6
        assert AccessEvent.objects.count() == before + calls
        print(f"record() of a refusal: {each_us:.0f} us each over {calls}")
        print(f"slowest_changelist_ms={slowest:.0f} record_us={each_us:.0f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
