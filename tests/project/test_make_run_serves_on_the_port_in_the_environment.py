"""`make run` on another port: PORT from the environment reaches runserver, SITE_URL and what `seed_demo` prints."""

import os
import shutil
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from tests.support.paths import ROOT


def make_run_commands(**env) -> str:
    """What `make run` would do, printed by `make -n` (nothing is run)."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    clean = {k: v for k, v in os.environ.items() if k != "PORT"}
    result = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def settings_value(name: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL", "DATABASE_URL", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", f"import project.settings as s; print(s.{name})"],
        cwd=ROOT,
        env={**clean, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_run_serves_on_port_8000_unless_port_is_set():
    assert "runserver 127.0.0.1:8000" in make_run_commands()
    assert "runserver 127.0.0.1:8123" in make_run_commands(PORT="8123")


def test_the_site_address_follows_port_unless_site_url_is_set():
    assert settings_value("SITE_URL").stdout.strip() == "http://127.0.0.1:8000"
    assert settings_value("SITE_URL", PORT="8123").stdout.strip() == "http://127.0.0.1:8123"
    chosen = settings_value("SITE_URL", PORT="8123", SITE_URL="https://scrutiny.example.org/")
    assert chosen.stdout.strip() == "https://scrutiny.example.org"


def test_a_port_that_is_not_a_port_stops_start_up():
    result = settings_value("PORT", PORT="80000")
    assert result.returncode != 0
    assert "PORT=80000 is not a port number" in result.stderr


@pytest.mark.django_db
def test_seed_demo_prints_the_address_the_server_uses(framework, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Sign in at http://127.0.0.1:8123/ as any of:" in out.getvalue()
    assert ":8000" not in out.getvalue()
