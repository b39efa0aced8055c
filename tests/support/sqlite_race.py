"""Run by tests/project/test_sqlite_simultaneous_saves.py in a process of its own, on an SQLite file.

The test run's own database is wrapped in a transaction per test (or is PostgreSQL), so simultaneous
saves on the embedded default can only be tried on a real SQLite file, from threads that each take
their own connection, as runserver's and gunicorn's threads do.

Prints one JSON line: the status codes and messages each round of simultaneous requests got.
"""

import json
import os
import sys
import threading

ROUNDS = 8


def main(database_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # as the test runner does: the test client's host, emails kept in memory
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    from partnerships.models import Membership, Partnership
    from recommendations.loader import framework_files, load_framework
    from scrutiny import tasks
    from scrutiny.models import Judgement, Review
    from tests.support.builders import make_member

    call_command("migrate", verbosity=0)
    framework = load_framework(framework_files()[0]).framework
    partnership = Partnership.objects.create(name="Northmere", slug="northmere", area="Northmere", framework=framework)
    review = Review.objects.create(
        partnership=partnership,
        title="Review",
        period_start="2026-01-01",
        period_end="2026-12-31",
        status=Review.Status.JUDGING,
    )
    scrutineers = [make_member(f"scrutineer{n}", partnership, Membership.Role.SCRUTINEER) for n in range(3)]
    review.scrutineers.add(*scrutineers)
    # The build itself is not what is tried here: only the requests that ask for one.
    tasks.build_report_task.apply_async = lambda *args, **kwargs: None

    def at_once(requests):
        """Send each (user, url, data) from its own thread, all released together."""
        barrier = threading.Barrier(len(requests))
        results = [None] * len(requests)

        def send(index, user, url, data):
            try:
                client = Client(raise_request_exception=False)
                client.force_login(user)
                barrier.wait(timeout=30)
                response = client.post(url, data)
                message = ""
                if response.status_code == 200 and "nothing was saved" in response.content.decode():
                    message = "someone saved first"
                results[index] = [response.status_code, message]
            except Exception as error:  # e.g. "database is locked" while signing in: say so, never hang
                barrier.abort()
                results[index] = [type(error).__name__, str(error)]
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    base = f"/partnerships/northmere/reviews/{review.pk}"
    judgements, reports = [], []
    for _ in range(ROUNDS):
        saved = Judgement.objects.filter(review=review).values_list("version", flat=True).first()
        version = str(saved or 0)  # both people opened the form at the same version
        judgement = {"version": version, "level": "limited"}
        both = scrutineers[:2]
        url = f"{base}/judgements/R6/"
        judgements.append(at_once([(u, url, {**judgement, "rationale": u.username}) for u in both]))
        review.reports.all().delete()
        reports.append(at_once([(user, f"{base}/reports/new/", {"kind": "draft"}) for user in scrutineers]))
    print(json.dumps({"judgements": judgements, "reports": reports, "report_rows": review.reports.count()}))


if __name__ == "__main__":
    main(sys.argv[1])
