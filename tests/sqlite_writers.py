"""Concurrent checkout-like writers on a file SQLite database configured by marketplace.settings.

Run in its own process (`python -m tests.sqlite_writers WRITERS ROUNDS READERS`, as
tests/test_sqlite_concurrency.py does) with DATABASE_URL=sqlite:///<file>: the settings are read from the
environment exactly as `make run` and `make serve` read them. WRITERS threads, each with its own connection
(Django's connections are per thread), run ROUNDS transactions that read the stock, then write it and an
order row, the shape of a checkout; READERS threads read meanwhile, like pages under load.
Prints one JSON line: how many transactions committed, how many failed with "database is locked" (and any
other error), the stock left, and the connection's journal mode, synchronous level and busy timeout.
"""

import json
import sys
import threading

import django

django.setup()

from django.db import OperationalError, connection, transaction  # noqa: E402

WRITERS, ROUNDS, READERS = (int(arg) for arg in sys.argv[1:4])
STOCK = 1_000_000


def create_tables():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE stock (id INTEGER PRIMARY KEY, quantity INTEGER NOT NULL)")
        cursor.execute("CREATE TABLE checkout (id INTEGER PRIMARY KEY, buyer INTEGER, quantity INTEGER)")
        cursor.execute("INSERT INTO stock (id, quantity) VALUES (1, %s)", [STOCK])


def checkout(buyer):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT quantity FROM stock WHERE id = 1")
        (quantity,) = cursor.fetchone()
        cursor.execute("UPDATE stock SET quantity = %s WHERE id = 1", [quantity - 1])
        cursor.execute("INSERT INTO checkout (buyer, quantity) VALUES (%s, 1)", [buyer])


results = {"committed": 0, "locked": 0, "errors": []}
lock = threading.Lock()
start = threading.Barrier(WRITERS + READERS)
writing = threading.Event()


def writer(buyer):
    start.wait()
    for _ in range(ROUNDS):
        try:
            checkout(buyer)
        except OperationalError as error:
            with lock:
                if "locked" in str(error):
                    results["locked"] += 1
                else:
                    results["errors"].append(str(error))
        else:
            with lock:
                results["committed"] += 1
    connection.close()


def reader():
    start.wait()
    while not writing.is_set():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*), MAX(quantity) FROM checkout")
                cursor.fetchone()
        except OperationalError as error:
            with lock:
                results["errors"].append(f"reader: {error}")
    connection.close()


create_tables()
writers = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
readers = [threading.Thread(target=reader) for _ in range(READERS)]
for thread in writers + readers:
    thread.start()
for thread in writers:
    thread.join()
writing.set()
for thread in readers:
    thread.join()

with connection.cursor() as cursor:
    cursor.execute("SELECT quantity FROM stock WHERE id = 1")
    results["stock_left"] = STOCK - cursor.fetchone()[0]
    cursor.execute("PRAGMA journal_mode")
    results["journal_mode"] = cursor.fetchone()[0]
    cursor.execute("PRAGMA synchronous")
    results["synchronous"] = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    results["busy_timeout_ms"] = cursor.fetchone()[0]
print(json.dumps(results))
