"""Reports through a real Celery worker on a real Redis: built once, never lost.

Each test starts its own redis-server on a free port and its own worker (the shared Redis on 6379
serves the other test process under pytest-xdist), and uses `transactional_db` so the worker, a
separate process given the test database through DATABASE_URL, sees committed rows.

Runs when REDIS_URL is set (CI sets it); skipped otherwise, except with CI=true, where it fails.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from partnerships.models import Membership
from scrutiny import reports, tasks
from scrutiny.models import Report, Review
from tests.support.environment import require
from tests.support.paths import ROOT

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_redis():
    require(os.environ.get("REDIS_URL"), "REDIS_URL is not set: these tests need a real Redis and worker")
    require(shutil.which("redis-server"), "redis-server is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    """A redis-server of this test's own, on a free port, without persistence."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--daemonize", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            # A service beside the code under test, on the real clock: libfaketime (make test-next-year)
            # cannot run inside redis-server ("unexpected recursive calls to clock_gettime").
            env={name: value for name, value in os.environ.items() if name not in ("LD_PRELOAD", "FAKETIME")},
        )
        wait_for(self._answers, 10, "redis-server to answer")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def database_url() -> str:
    """The test database (pytest-django's name for it) as a DATABASE_URL the worker can use."""
    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if db["ENGINE"].endswith("sqlite3"):
        require(
            "memory" not in name and name != ":memory:" and not connection.is_in_memory_db(),
            "the SQLite test database is in memory; a worker process cannot share it (use PostgreSQL)",
        )
        return f"sqlite:///{Path(name).resolve()}"
    user = quote(db.get("USER") or "")
    password = quote(db.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(name)}"


class Worker:
    """A `celery worker` subprocess on the test's Redis, stopped by its pidfile."""

    def __init__(self, tmp_path, redis):
        self.pidfile = tmp_path / "worker.pid"
        self.redis = redis
        self.process = None

    def start(self, **extra_env):
        self.pidfile.unlink(missing_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "REDIS_URL": self.redis.url,
            "DATABASE_URL": database_url(),
            # A killed worker's unacknowledged message comes back after this many seconds.
            "CELERY_VISIBILITY_TIMEOUT": "8",
            **extra_env,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "project", "worker", "--pool=solo", "--without-mingle"]
            + ["--without-gossip", "--without-heartbeat", "--loglevel=WARNING", f"--pidfile={self.pidfile}"],
            cwd=ROOT,
            env=env,
        )
        wait_for(self.pidfile.exists, 30, "the worker's pidfile")

    def pid(self):
        return int(self.pidfile.read_text().strip())

    def kill(self):
        os.kill(self.pid(), signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        try:
            os.kill(self.pid(), signal.SIGTERM)
            self.process.wait(timeout=30)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def queue(redis_server):
    """This process's Celery app sends to the test's own Redis, not eagerly and not to the shared one."""
    from project.celery import app

    keys = ("broker_url", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}

    def reset_connections():
        # Forget the cached pools; do not close them (kombu's registry shares them between apps).
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.broker_url = redis_server.url
    app.conf.task_always_eager = False
    reset_connections()
    yield redis_server
    app.conf.update(saved)
    reset_connections()


@pytest.fixture
def worker(tmp_path, redis_server):
    process = Worker(tmp_path, redis_server)
    yield process
    process.stop()


def status(report):
    report.refresh_from_db()
    return report.status


def report_files(report):
    """Files of this report under MEDIA_ROOT/reports (the folder is shared with other test processes)."""
    folder = Path(settings.MEDIA_ROOT) / "reports"
    return sorted(path for path in folder.rglob("*") if path.is_file() and str(report.pk) in str(path))


def ask(personas, world, kind="draft"):
    member = Membership.objects.get(user=personas["scrutineer"])
    return reports.request_report(membership=member, review=world["review"], kind=kind)


def test_end_to_end_build_through_the_worker(personas, world, queue, worker):
    worker.start()
    report, ok = ask(personas, world)
    assert ok
    wait_for(lambda: status(report) in ("ready", "failed"), 120, "the report to be built")
    assert report.status == "ready", report.failure_reason
    assert Report.objects.filter(status="ready").count() == 1
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_worker_killed_mid_build_then_restarted_gives_one_report(personas, world, queue, worker):
    worker.start(REPORT_BUILD_TEST_DELAY="5")  # test only: the render waits 5 s after "building"
    Review.objects.filter(pk=world["review"].pk).update(status=Review.Status.PUBLISHED)  # finals need it
    report, ok = ask(personas, world, kind="final")
    assert ok
    wait_for(lambda: status(report) == "building", 60, "the build to start")
    worker.kill()
    assert status(report) == "building" and report.attempts == 1

    worker.start()
    wait_for(lambda: status(report) in ("ready", "failed"), 120, "the redelivered build")
    assert report.status == "ready", report.failure_reason
    assert report.attempts == 2
    assert Report.objects.filter(review=world["review"], status="ready").count() == 1
    docx, pdf = report_files(report)  # one of each edition (sorted by name): the killed attempt left no third
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert docx.suffix == ".docx" and docx.read_bytes().startswith(b"PK")


def test_redis_down_at_request_time_then_back_loses_nothing(personas, world, queue, worker, client):
    queue.stop()
    client.force_login(personas["scrutineer"])
    started = time.monotonic()
    response = client.post(f"/partnerships/northmere/reviews/{world['review'].pk}/reports/new/", {"kind": "draft"})
    assert time.monotonic() - started < 10, "the request hung on the missing broker"
    page = client.get(response["Location"]).content.decode()
    assert "The report will build when the queue is back" in page
    report = Report.objects.get()
    assert report.status == "queued"

    queue.start()
    worker.start()
    assert tasks.requeue_stalled_reports(older_than_minutes=0) == 1
    wait_for(lambda: status(report) in ("ready", "failed"), 120, "the swept report to be built")
    assert report.status == "ready", report.failure_reason
    assert Report.objects.count() == 1
