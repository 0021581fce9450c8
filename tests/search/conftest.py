"""Search fixtures: a noida-db stand-in for Elasticsearch (or ELASTICSEARCH_URL), and the backend switch."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import urllib3

from search import services
from tests.ci_rules import skip_or_fail

NOIDA = Path(sys.executable).parent / "noida-db"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, process, seconds=30):
    http = urllib3.PoolManager()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError("noida-db exited early")
        try:
            if http.request("GET", url, timeout=1.0, retries=False).status == 200:
                return
        except urllib3.exceptions.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no Elasticsearch answer at {url}")


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    """ELASTICSEARCH_URL when set; otherwise a fresh noida-db on a free loopback port, stopped at the end."""
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    if not NOIDA.exists():
        skip_or_fail("noida-db is not installed (pip install noida-db==0.2.3)")
    data_dir = tmp_path_factory.mktemp("noida")
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


@pytest.fixture(params=["database", "elasticsearch"])
def backend_name(request, settings):
    """Runs a test once per backend; each Elasticsearch test gets its own alias so tests never share data."""
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
        settings.ELASTICSEARCH_INDEX = f"test-products-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def reindex(db):
    """reindex(): index every visible product into the active backends, as `search_index rebuild` does."""

    def run():
        for backend in services.active_backends():
            services.rebuild_index(backend)

    return run
