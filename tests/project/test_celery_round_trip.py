"""A task travels through the real Redis broker to a real worker process and back.

Runs when REDIS_URL is set (CI sets it); without it the embedded default runs
tasks in-process, which the second test shows.
"""

import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from scrutiny.tasks import ping
from tests.support.environment import require
from tests.support.paths import ROOT


@pytest.fixture
def worker(tmp_path):
    """A `celery worker` subprocess consuming a queue of its own, stopped by its pidfile."""
    require(os.environ.get("REDIS_URL"), "REDIS_URL is not set: this test needs a real Redis and worker")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    pidfile = tmp_path / "worker.pid"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "project",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
            "-Q",
            queue,
            f"--pidfile={pidfile}",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    )
    yield queue
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.worker
def test_task_round_trip_through_redis_and_a_real_worker(worker):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    token = uuid.uuid4().hex
    result = ping.apply_async(args=[token], queue=worker)
    assert result.get(timeout=60) == f"pong:{token}"


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="REDIS_URL is set: tasks go to the broker")
def test_without_redis_tasks_run_in_process():
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay("x").get() == "pong:x"
