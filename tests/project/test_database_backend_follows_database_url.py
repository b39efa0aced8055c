"""The suite runs on PostgreSQL when DATABASE_URL points at it, and on SQLite when it is unset."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_database_backend_follows_database_url():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
