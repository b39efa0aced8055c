"""`manage.py backup` then `manage.py restore`: after the database and the files are dropped, every row
and every file comes back intact; a damaged archive or an unconfirmed restore changes nothing.

The commands run as an operator runs them, in their own processes, against a database of this test's own
(never the suite's test database, which the other test process is using): SQLite with its files in S3
(moto's server on 127.0.0.1 standing in), and PostgreSQL with its files in a MEDIA_ROOT of its own.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.support.environment import require
from tests.support.paths import ROOT

BUCKET = "scrutiny-backup-test"
REGION = "eu-west-2"

SEED = """
import datetime
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from partnerships.models import Agency, Attachment, Evidence, Membership, Partnership
from recommendations.loader import framework_files, load_framework
from recommendations.models import AgencyType
from scrutiny.models import Report, Review

call_command("migrate", verbosity=0)
framework = load_framework(framework_files()[0]).framework
lead = get_user_model().objects.create_user("lead", "lead@example.org", "correct-horse-battery-staple")
partnership = Partnership.objects.create(name="Northmere Partnership", slug="northmere", area="Northmere",
                                         framework=framework)
health = Agency.objects.create(partnership=partnership, name="Northmere Health", type=AgencyType.HEALTH)
Membership.objects.create(user=lead, partnership=partnership, role=Membership.Role.LEAD)
evidence = Evidence.objects.create(
    partnership=partnership, agency=health, title="Health pathway to the SARC — “audit” 2026",
    summary="Twenty strategy discussions audited: health attended fourteen.\\nSecond line.",
    type=Evidence.Type.AUDIT, source=Evidence.Source.AUDIT, date=datetime.date(2026, 3, 1),
    confirmed_no_identifying_details=True, created_by=lead)
evidence.recommendations.add(*framework.recommendations.all()[:2])
for name, content in [("pathway.pdf", b"%PDF-1.4 pathway"), ("chart.png", bytes(range(256)) * 40)]:
    attachment = Attachment(evidence=evidence, original_name=name, content_type="application/octet-stream",
                            size=len(content), sha256="0" * 64, uploaded_by=lead)
    attachment.file.save(name, ContentFile(content), save=True)
review = Review.objects.create(partnership=partnership, title="Review 2026", period_start=datetime.date(2026, 1, 1),
                               period_end=datetime.date(2026, 12, 31))
report = Report(review=review, kind=Report.Kind.DRAFT, requested_by=lead, status=Report.Status.READY, sha256="1" * 64)
report.file.save("report.pdf", ContentFile(b"%PDF-1.7 report"), save=True)
"""


def postgres_server() -> dict:
    """Where to create a database of our own: the suite's server when it runs on PostgreSQL, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url if url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres")
    return {
        "host": parts.hostname,
        "port": parts.port or 5432,
        "user": parts.username or "",
        "password": parts.password or "",
    }


def admin_connection(server: dict):
    import psycopg

    try:
        return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=3, **server)
    except psycopg.OperationalError as error:
        require(False, f"PostgreSQL is needed for this test and did not answer: {error}")


class Site:
    """A database and a MEDIA_ROOT of the test's own, and the environment that points the commands at them."""

    def __init__(self, backend: str, folder: Path, s3_endpoint: str | None = None):
        self.backend, self.folder = backend, folder
        self.media = folder / "media"
        self.environment = {
            key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "STORAGE_BACKEND"))
        } | {"DJANGO_SETTINGS_MODULE": "tests.settings", "MEDIA_ROOT": str(self.media)}
        self.s3 = None
        if s3_endpoint:
            s3_settings = {
                "STORAGE_BACKEND": "s3",
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": s3_endpoint,
                "AWS_S3_REGION_NAME": REGION,
                "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing",
            }
            self.environment |= s3_settings
            self.s3 = boto3.client(
                "s3",
                endpoint_url=s3_endpoint,
                region_name=REGION,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )
        if backend == "sqlite":
            self.sqlite_file = folder / "site.sqlite3"
            self.environment["DATABASE_URL"] = f"sqlite:///{self.sqlite_file}"
        else:
            self.server = postgres_server()
            self.name = f"scrutiny_backup_test_{uuid.uuid4().hex[:10]}"
            credentials = self.server["user"] + (f":{self.server['password']}" if self.server["password"] else "")
            self.environment["DATABASE_URL"] = (
                f"postgres://{credentials}@{self.server['host']}:{self.server['port']}/{self.name}"
            )

    def create(self):
        if self.s3 and BUCKET not in [bucket["Name"] for bucket in self.s3.list_buckets()["Buckets"]]:
            self.s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        if self.backend == "postgresql":
            with admin_connection(self.server) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        """The disaster: the database and every stored file gone."""
        shutil.rmtree(self.media, ignore_errors=True)
        if self.s3:
            for key in self.files():
                self.s3.delete_object(Bucket=BUCKET, Key=key)
        if self.backend == "sqlite":
            self.sqlite_file.unlink(missing_ok=True)
            return
        with admin_connection(self.server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def manage(self, *arguments, check=True, path=None) -> subprocess.CompletedProcess:
        environment = self.environment | ({"PATH": path} if path is not None else {})
        done = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if check:
            assert done.returncode == 0, done.stderr
        return done

    def execute(self, sql: str):
        if self.backend == "sqlite":
            with sqlite3.connect(self.sqlite_file) as db:
                db.execute(sql)
            return
        import psycopg

        with psycopg.connect(dbname=self.name, autocommit=True, **self.server) as db:
            db.execute(sql)

    def rows(self) -> dict[str, list[str]]:
        """Every row of every table, as text, in a stable order."""
        if self.backend == "sqlite":
            with sqlite3.connect(self.sqlite_file) as db:
                tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}  # noqa: S608
        import psycopg

        with psycopg.connect(dbname=self.name, **self.server) as db:
            tables = [
                t
                for (t,) in db.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                )
            ]
            return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}  # noqa: S608

    def files(self) -> dict[str, bytes]:
        if self.s3:
            listed = self.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
            return {
                item["Key"]: self.s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
                for item in sorted(listed, key=lambda item: item["Key"])
            }
        return {
            path.relative_to(self.media).as_posix(): path.read_bytes()
            for path in sorted(self.media.rglob("*"))
            if path.is_file()
        }


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 on a free port of 127.0.0.1, for the commands' own processes to reach."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module", params=["sqlite-s3", "postgresql-filesystem"])
def site(request, tmp_path_factory):
    """A seeded site with a backup of it; both are left for the next test as they were found."""
    backend, storage = request.param.split("-")
    endpoint = request.getfixturevalue("s3_endpoint") if storage == "s3" else None
    site = Site(backend, tmp_path_factory.mktemp(f"backup-{backend}"), endpoint)
    site.create()
    try:
        site.manage("shell", "-c", SEED)
        done = site.manage("backup", str(site.folder))
        site.archive = Path(done.stdout.strip().splitlines()[-1])
        site.rows_backed_up, site.files_backed_up = site.rows(), site.files()
        yield site
    finally:
        site.drop()


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def test_restore_after_dropping_the_database_and_files_brings_back_every_row_and_file(site):
    manifest = manifest_of(site.archive)
    assert manifest["created_at"].endswith("Z")
    assert "partnerships.0001_initial" in manifest["migrations"]
    assert manifest["rows"]["partnerships_attachment"] == 2 and manifest["rows"]["scrutiny_report"] == 1
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == {
        name: hashlib.sha256(content).hexdigest() for name, content in site.files_backed_up.items()
    }
    assert len(site.files_backed_up) == 3
    assert oct(site.archive.stat().st_mode & 0o777) == "0o600"

    site.drop()
    site.create()
    assert site.files() == {}
    assert not any(site.rows().values())

    done = site.manage("restore", "--yes", str(site.archive))

    assert "every row count and file checksum matches the backup" in done.stdout
    assert site.rows() == site.rows_backed_up
    assert site.files() == site.files_backed_up
    titles = site.rows()["partnerships_evidence"]
    assert any("Health pathway to the SARC — “audit” 2026" in row for row in titles)


@pytest.fixture
def changed(site):
    """A change since the backup that a restore would undo, undone again after the test."""
    site.execute("UPDATE partnerships_partnership SET name = 'Changed since the backup'")
    yield site
    site.execute("UPDATE partnerships_partnership SET name = 'Northmere Partnership'")


def test_restore_without_confirmation_changes_nothing(changed):
    done = changed.manage("restore", str(changed.archive), check=False)
    assert done.returncode != 0
    assert "Nothing was changed. Run again with --yes" in done.stderr
    assert any("Changed since the backup" in row for row in changed.rows()["partnerships_partnership"])


def test_restore_refuses_an_archive_whose_file_differs_from_its_manifest(changed, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(changed.archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            content = source.extractfile(member).read()
            if member.name.startswith("files/") and member.name.endswith(".png"):
                content = content[:-1] + b"!"
            target.addfile(member, io.BytesIO(content))

    done = changed.manage("restore", "--yes", str(damaged), check=False)

    assert done.returncode != 0
    assert "does not match its manifest" in done.stderr and ".png: checksum differs" in done.stderr
    assert any("Changed since the backup" in row for row in changed.rows()["partnerships_partnership"])


def test_restore_refuses_what_is_not_a_backup(site, tmp_path):
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"not an archive")
    done = site.manage("restore", "--yes", str(not_a_backup), check=False)
    assert done.returncode != 0
    assert "is not a readable backup archive" in done.stderr


def test_backup_without_pg_dump_says_what_to_install(site, tmp_path):
    if site.backend != "postgresql":
        pytest.skip("SQLite backups use Python's sqlite3 backup API, not pg_dump")
    done = site.manage("backup", str(tmp_path), check=False, path=str(tmp_path))
    assert done.returncode != 0
    assert "pg_dump was not found on PATH" in done.stderr and "postgresql-client" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_backup_with_an_older_pg_dump_than_the_server_says_so(site, tmp_path):
    if site.backend != "postgresql":
        pytest.skip("SQLite backups use Python's sqlite3 backup API, not pg_dump")
    tools = tmp_path / "bin"
    tools.mkdir()
    old = tools / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    done = site.manage("backup", str(tmp_path), check=False, path=f"{tools}:{os.environ['PATH']}")
    assert done.returncode != 0
    assert "pg_dump 9 cannot dump a PostgreSQL" in done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bin"]


def test_backup_refuses_to_write_among_the_files_it_backs_up(site):
    if site.s3:
        pytest.skip("the files are in the bucket here, not in a folder the archive could land in")
    done = site.manage("backup", str(site.media / "evidence"), check=False)
    assert done.returncode != 0
    assert "Write the backup outside the stored files" in done.stderr
    assert site.files() == site.files_backed_up
