"""What the benchmarks share: Django set up on a throwaway database that no test or person uses."""

import os
from pathlib import Path


def setup_django(folder: Path, name: str):
    """Django on a database made the way the test runner makes one, dropped by the caller.

    SQLite: a file in `folder` (a file, as in use, not memory). PostgreSQL (DATABASE_URL): a
    database of its own, `<name>_<pid>`, never the test suite's `test_<name>`.
    Returns the connection and the name to give destroy_test_db.
    """
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ.setdefault("MEDIA_ROOT", str(folder / "media"))
    os.environ.setdefault("TASKS_IN_PROCESS", "1")
    import django
    from django.conf import settings

    django.setup()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(folder / f"{name}.sqlite3")
    else:
        connection.settings_dict["TEST"]["NAME"] = f"{name}_{os.getpid()}"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection, old_name
