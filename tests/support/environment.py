"""The environment outside Python. Tests that need something there (Chromium, Redis) skip on a developer's
machine without it and fail in CI (CI=true), where .ci/run installs and starts everything; and the project's
settings can be read in a fresh process, from an environment of the test's choosing."""

import os
import subprocess
import sys

import pytest

from tests.support.paths import ROOT


def require(condition, reason: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def run_settings(**env) -> subprocess.CompletedProcess:
    """Import project.settings in a fresh process with `env` over this one's environment (less what decides
    the database, the broker and DEBUG); it prints the database engine and whether tasks run in process."""
    unset = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "TASKS_IN_PROCESS"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import project.settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
