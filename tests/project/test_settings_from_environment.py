"""Settings come from the environment through small readers that refuse bad values loudly."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from project.env import database_from_url, env_bool, env_int, env_list
from tests.support.environment import run_settings


def test_start_up_stops_without_secret_key_when_debug_is_off():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_runs_without_secret_key_on_the_embedded_default():
    result = run_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_without_debug_tasks_run_in_process_only_when_asked_by_name():
    result = run_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "REDIS_URL is not set and DEBUG is off, so reports would be built inside web requests" in result.stderr
    result = run_settings(SECRET_KEY="x" * 50, TASKS_IN_PROCESS="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "True"


def test_redis_url_turns_off_eager_tasks():
    result = run_settings(SECRET_KEY="x" * 50, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False"


def test_bad_debug_value_is_refused():
    result = run_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a yes/no value" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False)]
)
def test_env_bool_reads_yes_and_no(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("PORT_NUMBER", "eighty")
    with pytest.raises(ImproperlyConfigured, match="PORT_NUMBER='eighty' is not a whole number"):
        env_int("PORT_NUMBER", 80)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_unset_database_url_means_sqlite_under_var():
    config = database_from_url("", default_sqlite=Path("/srv/var/db.sqlite3"))
    assert (config["ENGINE"], config["NAME"]) == ("django.db.backends.sqlite3", Path("/srv/var/db.sqlite3"))


@pytest.mark.parametrize("url", ["", "sqlite:///var/x.sqlite3"])
def test_sqlite_transactions_take_the_write_lock_first_and_wait_for_it(url):
    # Why: tests/project/test_sqlite_simultaneous_saves.py.
    options = database_from_url(url, default_sqlite=Path("/srv/var/db.sqlite3"))["OPTIONS"]
    assert options == {"transaction_mode": "IMMEDIATE", "timeout": 20}


def test_sqlite_url():
    assert database_from_url("sqlite:////srv/x.sqlite3", default_sqlite=Path())["NAME"] == "/srv/x.sqlite3"
    assert database_from_url("sqlite:///var/x.sqlite3", default_sqlite=Path())["NAME"] == "var/x.sqlite3"


def test_postgres_url():
    config = database_from_url("postgres://scrutiny:p%40ss@db.internal:5433/tracker", default_sqlite=Path())
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"], config["NAME"]) == (
        "scrutiny",
        "p@ss",
        "db.internal",
        "5433",
        "tracker",
    )


def test_postgres_url_options_survive():
    config = database_from_url(
        "postgres://app@db.internal/tracker?sslmode=require&connect_timeout=5", default_sqlite=Path()
    )
    assert config["OPTIONS"] == {"sslmode": "require", "connect_timeout": 5}
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/db", "scheme 'mysql' is not supported"),
        ("postgres://localhost:5432/", "needs a database name"),
        ("postgres://localhost:port/db", "port is not a number"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_bad_database_urls_are_refused(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        database_from_url(url, default_sqlite=Path())
