"""SQLite as a server database: concurrent checkouts never fail with "database is locked".

The tests run the production settings in processes of their own against a file database (the test database
is in memory, where WAL and locking do not apply): tests/sqlite_writers.py starts the writers. They name
their own SQLite file, so they run whatever database the suite itself uses (CI's PostgreSQL run included).
"""

import json

from .processes import run_python, settings_of


def test_six_concurrent_checkouts_never_fail_with_database_is_locked(tmp_path):
    # 6 buyers x 40 checkouts (read the stock, write it, add an order row) while 3 readers load pages.
    done = run_python(
        "-m", "tests.sqlite_writers", "6", "40", "3", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["locked"] == 0 and result["errors"] == []
    assert result["committed"] == 240
    assert result["stock_left"] == 240  # every read-then-write saw the previous one: no update lost


def test_sqlite_connections_use_wal_normal_sync_and_a_busy_timeout(tmp_path):
    done = run_python(
        "-m", "tests.sqlite_writers", "1", "1", "0", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["journal_mode"], result["synchronous"], result["busy_timeout_ms"]) == ("wal", 1, 20_000)


def test_sqlite_transactions_are_immediate_with_the_configured_timeout(tmp_path):
    options = settings_of(
        "DATABASES", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", SQLITE_BUSY_TIMEOUT="7"
    )["DATABASES"]["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 7
    assert "PRAGMA journal_mode=WAL" in options["init_command"]


def test_postgresql_gets_none_of_the_sqlite_options():
    url = "postgres://postgres@127.0.0.1:5432/unused"
    assert settings_of("DATABASES", DATABASE_URL=url)["DATABASES"]["default"]["OPTIONS"] == {}
