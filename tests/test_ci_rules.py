"""CI cannot hide a skipped suite (tests/ci_rules.py): each rule checked on a small pytest session."""

import pytest

from tests import ci_rules

SKIPPED_TEST = """
import pytest

def test_runs():
    pass

def test_skipped():
    pytest.skip("the stand-in was not there")
"""

POSTGRES_TEST = """
import pytest

@pytest.mark.postgres
def test_needs_postgres():
    pytest.skip("needs PostgreSQL")
"""

SQLITE_RUN_TEST = """
import pytest

@pytest.mark.sqlite_run
def test_on_its_own_database():
    pytest.skip("runs in the SQLite run only")
"""

STAND_IN_TEST = """
import pytest
from tests.ci_rules import skip_or_fail

@pytest.fixture(scope="session")
def stand_in():
    skip_or_fail("localstripe could not start")

def test_pays(stand_in):
    pass
"""


@pytest.fixture
def session(pytester, monkeypatch):
    """session(source, ci=True, postgres=False): runs `source` as a test module the way CI would."""

    def run(source, ci=True, postgres=False):
        monkeypatch.setenv("CI", "true" if ci else "false")
        monkeypatch.setattr(ci_rules, "_on_postgres", lambda: postgres)
        pytester.makeini("[pytest]\nmarkers =\n    postgres: PostgreSQL only\n    sqlite_run: SQLite only")
        pytester.makepyfile(test_module=source)
        return pytester.runpytest("-p", "tests.ci_rules", "-p", "no:django", "-p", "no:cacheprovider")

    return run


def test_in_ci_a_skipped_test_fails_the_session_naming_it_and_why(session):
    result = session(SKIPPED_TEST)

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*SKIPPED test_module.py::test_skipped: the stand-in was not there*"])


def test_outside_ci_a_skipped_test_is_only_a_skip(session):
    result = session(SKIPPED_TEST, ci=False)

    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=1, skipped=1)


def test_in_ci_a_postgres_test_may_be_skipped_on_sqlite(session):
    assert session(POSTGRES_TEST, postgres=False).ret == pytest.ExitCode.OK


def test_in_ci_a_postgres_test_may_not_be_skipped_on_postgresql(session):
    assert session(POSTGRES_TEST, postgres=True).ret == pytest.ExitCode.TESTS_FAILED


def test_in_ci_a_sqlite_run_test_may_be_skipped_on_postgresql(session):
    assert session(SQLITE_RUN_TEST, postgres=True).ret == pytest.ExitCode.OK


def test_in_ci_a_sqlite_run_test_may_not_be_skipped_on_sqlite(session):
    assert session(SQLITE_RUN_TEST, postgres=False).ret == pytest.ExitCode.TESTS_FAILED


def test_in_ci_a_module_skipped_while_collected_fails_the_session(session):
    result = session('import pytest\npytest.skip("no noida-db", allow_module_level=True)\n')

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*SKIPPED test_module.py: no noida-db*"])


def test_in_ci_a_stand_in_that_does_not_start_is_an_error(session):
    result = session(STAND_IN_TEST)

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*localstripe could not start*CI=true*"])


def test_outside_ci_a_stand_in_that_does_not_start_skips_its_tests(session):
    session(STAND_IN_TEST, ci=False).assert_outcomes(skipped=1)
