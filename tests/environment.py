"""Tests that need something outside Python (Chromium, Redis) skip on a developer's machine without it
and fail in CI (CI=true), where .ci/run installs and starts everything."""

import os

import pytest


def require(condition, reason: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
