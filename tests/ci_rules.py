"""What a CI run (environment variable CI=true) refuses that a developer's run allows: skipped tests.

A skipped suite looks like a green one, so in CI:
- a stand-in that does not start (localstripe, noida-db, Chromium) is an error: fixtures call `skip_or_fail`,
  which skips with the reason on a laptop and fails in CI;
- the session fails when any test was skipped, except a test marked `postgres` (it needs PostgreSQL and
  the `on_postgres` fixture skips it) while the database is SQLite, and a test marked `sqlite_run` (it uses
  no database of the suite's, so running it twice proves nothing more; `on_sqlite_run` skips it) while the
  database is PostgreSQL. `.ci/run` runs the suite on SQLite, then
  on PostgreSQL, where nothing may be skipped: every test runs in one of the two.

tests/conftest.py loads this module as a plugin.
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


def pytest_configure(config):
    if in_ci():
        config.pluginmanager.register(SkippedTestsFailCI(), "ci-skipped-tests-fail")


def _on_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _reason(report) -> str:
    if isinstance(report.longrepr, tuple):  # (path, line, "Skipped: why")
        return report.longrepr[2].removeprefix("Skipped: ")
    return str(report.longrepr)


class SkippedTestsFailCI:
    """Collects the skips CI does not allow; the session fails at its end, naming each test and why."""

    def __init__(self):
        self.refused = []

    def pytest_collectreport(self, report):
        if report.skipped:  # a whole module skipped while it was collected
            self.refused.append((report.nodeid, _reason(report)))

    def pytest_runtest_logreport(self, report):
        if not report.skipped or hasattr(report, "wasxfail"):
            return
        if "postgres" in report.keywords and not _on_postgres():
            return
        if "sqlite_run" in report.keywords and _on_postgres():
            return
        self.refused.append((report.nodeid, _reason(report)))

    def pytest_sessionfinish(self, session):
        if self.refused and session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        if not self.refused:
            return
        database = "PostgreSQL" if _on_postgres() else "SQLite"
        terminalreporter.section(f"CI=true: {len(self.refused)} skipped, none may be", red=True)
        for nodeid, reason in self.refused:
            terminalreporter.line(f"SKIPPED {nodeid}: {reason}", red=True)
        terminalreporter.line(
            f"On {database}. Only a test marked `postgres` may be skipped, and only on SQLite (`sqlite_run`: "
            "only on PostgreSQL); "
            "anything else a test needs must be installed and start in CI.",
            red=True,
        )
