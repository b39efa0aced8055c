"""`manage.py check --deploy` under production settings reports nothing, not even a warning.

Run in a fresh process on the project's own settings module (not tests/settings.py), with only
what a deployment must set: DEBUG off, a long random SECRET_KEY and ALLOWED_HOSTS.
"""

import os
import secrets
import subprocess
import sys

from tests.support.paths import ROOT


def check_deploy(**env) -> subprocess.CompletedProcess:
    # Anything a developer's shell sets for security settings would hide what production gets by default.
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_"))
        and name not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    production = {
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "scrutiny.example.org",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **production, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_notices_plain_http():
    """The check above can fail: serving plain http (as the benchmark does) is reported."""
    result = check_deploy(SECURE_SSL_REDIRECT="0")

    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
