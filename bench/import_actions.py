"""How long the action plan import takes for a 10,000-row file, CSV and XLSX, beside the time to parse it.

    .venv/bin/python bench/import_actions.py [--rows 10000] [--repeat 3]
    DATABASE_URL=postgres://... .venv/bin/python bench/import_actions.py

Writes a CSV and an XLSX of `--rows` good rows (twelve agencies, one to three
recommendations, up to three contributing agencies a row) into a temporary folder, then
for each file: parses it alone (open_sheet and every row read, nothing checked), and
imports it into a fresh partnership through the import page itself (Django's test client
posting the file as the lead: upload, checks, bulk inserts with history, redirect). The
import must answer with the redirect and leave exactly `--rows` items. Each is run
`--repeat` times (3) and the fastest run reported, as the machine may be busy.

The database is a throwaway one made the way the test runner makes it: a SQLite file in
the temporary folder by default, or, with DATABASE_URL set to PostgreSQL, a database of
its own there (bench_import_actions_<pid>), dropped at the end. Nothing in an existing
database is touched.

The last line is for scripts:
    import_10k_csv_s=<x> import_10k_xlsx_s=<y> parse_ratio_csv=<import/parse>
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import setup_django  # noqa: E402

# The import is measured, not signing in: the test client speaks plain http and signs in without a code.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TWO_FACTOR_REQUIRED", "0")

AGENCIES = [
    ("Police", "police"),
    ("Children's Social Care", "childrens_social_care"),
    ("Integrated Care Board", "health"),
    ("Community Health Trust", "health"),
    ("Probation Service", "probation"),
    ("Education Safeguarding Team", "education"),
    ("Early Years Service", "early_years"),
    ("Youth Justice Service", "youth_justice"),
    ("Sexual Assault Referral Centre", "health"),
    ("Voluntary Sector Forum", "voluntary_sector"),
    ("Housing", "other"),
    ("Public Health", "health"),
]
WORK = [
    "Audit strategy discussions for health representation",
    "Deliver the multi-agency training needs assessment",
    "Agree the probation and police information-sharing protocol",
    "Open a health pathway to the sexual assault referral centre",
    "Gather children's feedback through the youth forum",
    "Replace 'no further action' with 'no further police action at this time' in letters",
]
STATUSES = ["Not started", "On track", "At risk", "Off track", "Complete"]


def plan_rows(n: int) -> list[list]:
    rows = []
    start = datetime.date(2026, 4, 1)
    for i in range(1, n + 1):
        owner = AGENCIES[i % len(AGENCIES)][0]
        contributors = [AGENCIES[(i + k) % len(AGENCIES)][0] for k in range(1, 1 + i % 4)]
        codes = [f"R{(i + k) % 6 + 1}" for k in range(1 + i % 3)]
        rows.append(
            [
                f"{WORK[i % len(WORK)]} (item {i}): named leads report progress to the partnership board each quarter",
                "; ".join(dict.fromkeys(codes)),
                owner,
                "; ".join(contributors),
                f"Lead {i % 97}",
                start + datetime.timedelta(days=i % 90),
                (start + datetime.timedelta(days=90 + i % 365)).strftime("%d/%m/%Y"),
                STATUSES[i % len(STATUSES)],
                "No" if i % 5 else "",  # an import cannot mark impact evidenced (action_rules)
            ]
        )
    return rows


def partnership_with_lead(framework, slug):
    from partnerships.models import Agency, Membership, Partnership
    from tests.support.builders import make_member

    partnership = Partnership.objects.create(name=f"Bench {slug}", slug=slug, area=slug, framework=framework)
    Agency.objects.bulk_create(Agency(partnership=partnership, name=name, type=kind) for name, kind in AGENCIES)
    return partnership, make_member(f"{slug}-lead", partnership, Membership.Role.LEAD)


def time_parse(path: Path) -> float:
    from partnerships.spreadsheets import open_sheet

    started = time.perf_counter()
    with path.open("rb") as handle:
        count = sum(1 for _ in open_sheet(handle, name=path.name))
    elapsed = time.perf_counter() - started
    assert count > 0
    return elapsed


def time_import(path: Path, framework, slug: str, expected: int) -> float:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    partnership, lead = partnership_with_lead(framework, slug)
    client = Client()
    client.force_login(lead)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    started = time.perf_counter()
    response = client.post(f"/partnerships/{slug}/actions/import/", {"file": upload})
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        problems = response.context["problems"][:5] if response.context else []
        raise SystemExit(f"{path.name}: the import answered {response.status_code}: {[str(p) for p in problems]}")
    count = partnership.actions.count()
    if count != expected:
        raise SystemExit(f"{path.name}: {count} items imported, expected {expected}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest is reported")
    args = parser.parse_args()
    # WhiteNoise notes that static files are not collected: nothing here serves them.
    warnings.filterwarnings("ignore", message="No directory at")

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        connection, old_name = setup_django(folder, "bench_import_actions")
        try:
            from partnerships.action_import import COLUMNS
            from partnerships.spreadsheets import write_csv, write_xlsx
            from recommendations.loader import framework_files, load_framework

            framework = load_framework(framework_files()[0]).framework
            data = plan_rows(args.rows)
            files = {"csv": folder / "plan.csv", "xlsx": folder / "plan.xlsx"}
            files["csv"].write_bytes(write_csv(COLUMNS, data))
            files["xlsx"].write_bytes(write_xlsx(COLUMNS, data))

            print(f"{args.rows:,} rows, database {connection.vendor}, Python {sys.version.split()[0]}")
            print(f"{'file':<6}{'size':>10}{'parse s':>10}{'import s':>10}{'rows/s':>10}{'import/parse':>14}")
            results = {}
            for fmt, path in files.items():
                parse_s = min(time_parse(path) for _ in range(args.repeat))
                import_s = min(
                    time_import(path, framework, f"bench-{fmt}-{run}", args.rows) for run in range(args.repeat)
                )
                results[fmt] = (parse_s, import_s)
                size = f"{path.stat().st_size / 1024 / 1024:.1f} MB"
                print(
                    f"{fmt:<6}{size:>10}{parse_s:>10.2f}{import_s:>10.2f}"
                    f"{args.rows / import_s:>10,.0f}{import_s / parse_s:>14.1f}"
                )
        finally:
            # SQLite's file goes with the temporary folder; a server's test database is dropped.
            if connection.vendor != "sqlite":
                connection.creation.destroy_test_db(old_name, verbosity=0)
        csv_parse, csv_import = results["csv"]
        size = f"{args.rows // 1000}k" if args.rows % 1000 == 0 else str(args.rows)  # "10k" by default
        print(
            f"import_{size}_csv_s={csv_import:.2f} import_{size}_xlsx_s={results['xlsx'][1]:.2f} "
            f"parse_ratio_csv={csv_import / csv_parse:.1f}"
        )


if __name__ == "__main__":
    main()
