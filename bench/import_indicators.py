"""How long importing a tidy file of every local authority in England takes, beside the time to parse it.

    .venv/bin/python bench/import_indicators.py [--authorities 153] [--years 10] [--measures 10] [--repeat 3]
    DATABASE_URL=postgres://... .venv/bin/python bench/import_indicators.py

Writes a tidy CSV shaped like the Department for Education's Explore Education Statistics files (fictional
codes and figures): England, 9 regions and `--authorities` local authorities, `--years` financial years,
`--measures` measures, a suppressed cell in every seventh, into a temporary folder. Then, side by side:

- parse: the file read alone (open_sheet and every row, nothing checked);
- service: the whole import for one partnership through indicators/imports.py: the first step (the file
  read for its measures and authorities) and the second (read again, the authority's, England's and its
  region's rows checked, the figures written in bulk with their history in one transaction);
- pages: the same through the pages as the lead (Django's test client): the upload, the file held, the
  mapping page rendered, the mapping posted, the import, the redirect.

Each import goes into a fresh partnership (its own ten indicators) and must leave exactly the figures
expected. Each is run `--repeat` times and the fastest reported. The database is a throwaway one made the
way the test runner makes it (bench/common.py). The last line is for scripts:
    parse_s=<x> service_s=<y> pages_s=<z> ratio_service=<y/x> ratio_pages=<z/x>
"""

import argparse
import io
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import setup_django  # noqa: E402

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TWO_FACTOR_REQUIRED", "0")

GEOGRAPHY = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
]
REGIONS = 9
CHOSEN = 0  # the partnership's authority: the first


def tidy_csv(authorities: int, years: int, measures: int) -> bytes:
    import csv

    header = GEOGRAPHY + [f"measure_{m + 1}" for m in range(measures)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for y in range(years):
        start = 2015 + y
        period = [f"{start}{(start + 1) % 100:02d}", "Financial year"]

        def figures(seed):
            return ["c" if (seed + m) % 7 == 0 else f"{(seed * 7 + m * 13) % 9000 / 100:.1f}" for m in range(measures)]

        writer.writerow(period + ["National", "E92000001", "England", "", "", "", "", ""] + figures(y))
        for r in range(REGIONS):
            region = [f"E1200{r + 1:04d}", f"Region {r + 1}"]
            writer.writerow(period + ["Regional", "E92000001", "England", *region, "", "", ""] + figures(y + r))
        for a in range(authorities):
            r = a % REGIONS
            place = ["Local authority", "E92000001", "England", f"E1200{r + 1:04d}", f"Region {r + 1}"]
            place += [f"E0{6 + a % 4}00{a + 1:04d}", str(800 + a), f"Authority {a + 1}"]
            writer.writerow(period + place + figures(y + a))
    return buffer.getvalue().encode("utf-8")


def partnership_with_lead(framework, slug, measures):
    from indicators.models import Indicator
    from partnerships.models import Membership, Partnership
    from tests.support.builders import make_member

    partnership = Partnership.objects.create(name=f"Bench {slug}", slug=slug, area=slug, framework=framework)
    indicators = [
        Indicator.objects.create(
            framework=framework,
            partnership=partnership,
            code=f"B-{m + 1}",
            name=f"Measure {m + 1}",
            definition="A benchmark measure.",
            unit="rate_per_10000",
            better="higher",
            source="Bench",
        )
        for m in range(measures)
    ]
    return partnership, make_member(f"{slug}-lead", partnership, Membership.Role.LEAD), indicators


def time_parse(data: bytes) -> float:
    from partnerships.spreadsheets import open_sheet

    started = time.perf_counter()
    count = sum(1 for _ in open_sheet(io.BytesIO(data), name="tidy.csv"))
    elapsed = time.perf_counter() - started
    assert count > 0
    return elapsed


def expect(partnership, expected: int):
    count = partnership.indicator_values.count()
    if count != expected:
        raise SystemExit(f"{count} figures imported, expected {expected}")


def time_service(data, framework, slug, measures, expected) -> float:
    from indicators import imports
    from partnerships.models import Membership

    partnership, lead, indicators = partnership_with_lead(framework, slug, measures)
    membership = Membership.objects.select_related("partnership", "user").get(user=lead)
    started = time.perf_counter()
    first = imports.upload(membership=membership, file=io.BytesIO(data), name="tidy.csv")
    second = time.perf_counter()
    mapping = {
        index: str(indicator.pk) for (index, _), indicator in zip(first.survey.measures, indicators, strict=True)
    }
    result = imports.import_tidy(
        membership=membership, file=io.BytesIO(data), name="tidy.csv", mapping=mapping, authority="Authority 1"
    )
    finished = time.perf_counter()
    if not result.ok:
        raise SystemExit(f"the import was refused: {result.file_error} {[str(p) for p in result.problems[:5]]}")
    expect(partnership, expected)
    return finished - started, finished - second


def time_pages(data, framework, slug, measures, expected) -> float:
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    partnership, lead, indicators = partnership_with_lead(framework, slug, measures)
    client = Client()
    client.force_login(lead)
    url = f"/partnerships/{slug}/indicators/import/"
    started = time.perf_counter()
    first = client.post(url, {"file": SimpleUploadedFile("tidy.csv", data)})
    page = first.content.decode()
    token = re.search(r'name="upload"\s+value="([^"]+)"', page).group(1)
    fields = list(dict.fromkeys(re.findall(r'name="(column_\d+)"', page)))
    choices = {name: str(indicator.pk) for name, indicator in zip(fields, indicators, strict=True)}
    response = client.post(f"{url}map/", {"upload": token, "authority": "Authority 1", **choices})
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise SystemExit(f"the import page answered {response.status_code}")
    expect(partnership, expected)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=153)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--measures", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest is reported")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")

    with tempfile.TemporaryDirectory(prefix="bench-indicators-") as tmp:
        folder = Path(tmp)
        connection, old_name = setup_django(folder, "bench_import_indicators")
        try:
            from recommendations.loader import framework_files, load_framework

            framework = load_framework(framework_files()[0]).framework
            data = tidy_csv(args.authorities, args.years, args.measures)
            rows = args.years * (1 + REGIONS + args.authorities)
            expected = 3 * args.years * args.measures  # the authority, England and its region
            print(
                f"{rows:,} rows ({args.authorities} authorities, {REGIONS} regions and England, {args.years} years), "
                f"{args.measures} measures, {len(data) / 1024:.0f} KB; {expected} figures imported; "
                f"database {connection.vendor}, Python {sys.version.split()[0]}"
            )
            parse_s = min(time_parse(data) for _ in range(args.repeat))
            runs = [
                time_service(data, framework, f"bench-s-{run}", args.measures, expected) for run in range(args.repeat)
            ]
            service_s, step2_s = min(run[0] for run in runs), min(run[1] for run in runs)
            from django.conf import settings
            from django.test import override_settings

            # The mapping page is rendered: its static files are named as they are, not from a manifest.
            plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
            with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
                pages_s = min(
                    time_pages(data, framework, f"bench-p-{run}", args.measures, expected) for run in range(args.repeat)
                )
        finally:
            if connection.vendor != "sqlite":
                connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"{'':<28}{'seconds':>10}{'/ parse':>10}")
    for label, seconds in (
        ("parse alone", parse_s),
        ("service, second step only", step2_s),
        ("service, both steps", service_s),
        ("pages, both steps", pages_s),
    ):
        print(f"{label:<28}{seconds:>10.3f}{seconds / parse_s:>10.1f}")
    print(
        f"parse_s={parse_s:.3f} step2_s={step2_s:.3f} service_s={service_s:.3f} pages_s={pages_s:.3f} "
        f"ratio_service={service_s / parse_s:.2f} ratio_pages={pages_s / parse_s:.2f}"
    )


if __name__ == "__main__":
    main()
