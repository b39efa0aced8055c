"""Tests of project/: settings from the environment, URLs, Celery, storage, security headers and deployment checks."""
