"""The Elasticsearch stand-in (noida-db) on a free loopback port: one context manager that the search tests'
fixture and bench/relevance.py both start it with."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import urllib3

NOIDA = Path(sys.executable).parent / "noida-db"


class StandinUnavailable(RuntimeError):
    """noida-db is not installed, or did not answer."""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, process, seconds=30):
    http = urllib3.PoolManager()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StandinUnavailable("noida-db exited early")
        try:
            if http.request("GET", url, timeout=1.0, retries=False).status == 200:
                return
        except urllib3.exceptions.HTTPError:
            pass
        time.sleep(0.2)
    raise StandinUnavailable(f"no Elasticsearch answer at {url}")


@contextmanager
def running_standin(data_dir=None):
    """Yields the URL of a fresh noida-db answering on 127.0.0.1; stops it (and removes its data) at the end.
    `data_dir`: where it keeps its data (default: a new temporary directory)."""
    if not NOIDA.exists():
        raise StandinUnavailable(f"noida-db is not installed at {NOIDA} (pip install noida-db==0.2.3)")
    data_dir = Path(data_dir or tempfile.mkdtemp(prefix="noida-"))
    port = _free_port()
    process = subprocess.Popen(
        [
            str(NOIDA),
            "start",
            "--data-dir",
            str(data_dir),
            "--only",
            "elasticsearch",
            "--elasticsearch-port",
            str(port),
            "--host",
            "127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # The console script runs the server binary as a child: give them their own process group so
        # stopping the group stops the server too (terminating only the script left servers running).
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)
