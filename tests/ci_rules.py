"""What a CI run (environment variable CI=true) refuses that a developer's run allows: skipped tests.

A skipped suite looks like a green one, so in CI a stand-in that does not start (localstripe, noida-db,
Chromium) is an error: fixtures call `skip_or_fail`, which skips with the reason on a laptop and fails in CI.
"""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str):
    """Skips the test (every test, for a session fixture) saying why; in CI fails it instead."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: what a test needs must start in CI, never skip)", pytrace=False)
    pytest.skip(reason)
