"""What each page under load costs in Python, in process, on bench/load.py's England-scale data.

    .venv/bin/python bench/page_costs.py [--rounds 8] [--profile actions]

bench/load.py says how the server holds up; this says where its CPU goes, page by page, without
gunicorn, locust or the network in the way. It seeds the same throwaway PostgreSQL database as
bench/load.py (150 partnerships, 90,000 evidence items; dropped at the end), collects the static
files, signs in the same 50 members the same way, and asks for each page kind the load drives
(dashboard, overview, evidence register filtered and paged, a recommendation's page, the action
plan) and the floor (`/accessibility/`) through Django's test client with production settings.
For each kind: the median and
mean CPU time of a request (`time.process_time`: this process only, PostgreSQL's work not counted)
and its queries. --profile KIND writes a cProfile of that kind's requests to page_costs.prof.

The last line is for scripts:
    pages_ms=<mean of the page kinds' medians> floor_ms=<n> ratio=<floor_ms/pages_ms>
"""

import argparse
import cProfile
import os
import secrets
import signal
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import setup_django  # noqa: E402
from bench.load import DEFAULT_SERVER, floor_url, load_users, seed  # noqa: E402

SCALE = {"agencies": 20, "evidence": 300, "actions": 60, "updates": 5, "challenges": 40}
KINDS = ["dashboard", "overview", "evidence", "recommendation", "actions"]


def urls_of(user: dict, turn: int, floor: str) -> dict:
    """One URL of each kind for this user, varied by turn as the load's users vary them."""
    pages = user["pages"]
    return {
        "dashboard": pages["dashboard"],
        "overview": pages["overview"],
        "evidence": pages["evidence"][turn % len(pages["evidence"])],
        "recommendation": pages["recommendations"][turn % len(pages["recommendations"])],
        "actions": pages["actions"],
        "floor": floor,
    }


def measure(users: list, rounds: int, profile_kind: str | None) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    floor = floor_url()
    clients = []
    for user in users:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = user["session"]
        clients.append((client, user))
    for client, user in clients:  # warm: templates compiled, caches filled, every page answers
        for kind, url in urls_of(user, 0, floor).items():
            status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{kind} {url} answered {status} for {user['username']}")

    profiler = cProfile.Profile() if profile_kind else None
    cpu, queries = {}, {}
    for turn in range(rounds):
        for client, user in clients:
            for kind, url in urls_of(user, turn, floor).items():
                if kind == profile_kind:
                    profiler.enable()
                started = time.process_time()
                with CaptureQueriesContext(connection) as captured:
                    client.get(url)
                cpu.setdefault(kind, []).append((time.process_time() - started) * 1000)
                if kind == profile_kind:
                    profiler.disable()
                queries.setdefault(kind, set()).add(len(captured))
    if profiler:
        profiler.dump_stats(str(ROOT / "page_costs.prof"))
    return {kind: (statistics.median(times), statistics.fmean(times), queries[kind]) for kind, times in cpu.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8, help="requests of each kind per user")
    parser.add_argument("--users", type=int, default=15, help="members asking, of the load's 50")
    parser.add_argument("--profile", choices=KINDS + ["floor"], help="write a cProfile of this kind's requests")
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    warnings.filterwarnings("ignore", message="No directory at")
    server_url = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if urlsplit(server_url).scheme not in {"postgres", "postgresql"}:
        raise SystemExit("bench/page_costs.py needs PostgreSQL: set DATABASE_URL to a postgres:// URL, or unset")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        folder = Path(tmp)
        # Production settings, as bench/load.py gives gunicorn; plain http, as the test client speaks.
        os.environ.update(
            DATABASE_URL=server_url,
            SECRET_KEY=secrets.token_urlsafe(50),
            STATIC_ROOT=str(folder / "static"),
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            LOG_LEVEL="WARNING",
        )
        connection, old_name = setup_django(folder, "scrutiny_pages")
        try:
            from django.core.management import call_command
            from django.db import transaction
            from django.utils import timezone

            with transaction.atomic():
                partnerships = seed(150, SCALE, timezone.localdate())
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                # As bench/load.py does (docs/benchmarks.md, "Load at England scale"); new connections take it.
                cursor.execute(f'ALTER DATABASE "{connection.settings_dict["NAME"]}" SET random_page_cost = 1.1')
            connection.close()
            call_command("collectstatic", interactive=False, verbosity=0)
            users = load_users(partnerships, 50)[: args.users]
            results = measure(users, args.rounds, args.profile)
        finally:
            connection.close()
            connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"{'page':15} {'median':>7} {'mean':>7}  queries   (ms of CPU a request, {args.users} members)")
    for kind, (median, mean, counts) in results.items():
        spread = "/".join(str(n) for n in sorted(counts))
        print(f"{kind:15} {median:7.2f} {mean:7.2f}  {spread}")
    pages_ms = statistics.fmean(results[kind][0] for kind in KINDS)
    floor_ms = results["floor"][0]
    print(f"pages_ms={pages_ms:.2f} floor_ms={floor_ms:.2f} ratio={floor_ms / pages_ms:.2f}")


if __name__ == "__main__":
    main()
