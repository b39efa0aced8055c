"""The project settings, with the values a test run needs when the environment has none."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
# Uploads and reports go to a fresh folder per run, never into the working tree; set in the
# environment so that worker processes the tests start use the same folder.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="scrutiny-test-media-"))

# Without REDIS_URL the tests run tasks in process (with it, CI's worker takes them); inherited by the
# processes the tests start.
os.environ.setdefault("TASKS_IN_PROCESS", "1")

from project.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The tests do not run collectstatic, so they cannot use the manifest storage.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Django's own static handler serves the tests; whitenoise would warn that STATIC_ROOT is not built.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
# Live-server threads must not keep connections open, or the test database cannot be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The test client and live server speak plain http; tests/project/test_security_headers.py turns the redirect on.
SECURE_SSL_REDIRECT = False
# The suite signs people in with force_login and Client.login (which gives django-axes no request):
# tests/accounts/test_two_factor_sign_in.py and tests/accounts/test_sign_in_throttling.py turn these on.
TWO_FACTOR_REQUIRED = False
AXES_ENABLED = False
# In process, the tests build reports within the request that asks, so that they can read the result
# at once; tests/scrutiny/test_in_process_builds_leave_the_request_at_once.py turns the thread on.
REPORTS_BUILD_IN_A_THREAD = False
