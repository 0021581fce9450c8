"""Production mode: `make serve` starts a site a stranger can run, and Django's deploy checks pass behind TLS.

Settings are read from the environment when a process starts, so each test starts one (tests/processes.py).
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from .processes import BASE_DIR, environment, run_python, settings_of

SECRET = secrets.token_urlsafe(50)


def production(tmp_path, **variables):
    return {
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "crafts.example,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        **variables,
    }


def check_deploy(tmp_path, **variables):
    return run_python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **production(tmp_path, **variables)
    )


def test_check_deploy_behind_the_https_proxy_gives_no_warnings(tmp_path):
    done = check_deploy(tmp_path, BEHIND_HTTPS_PROXY="true")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_behind_the_https_proxy_every_transport_setting_is_on(tmp_path):
    values = settings_of(
        "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "X_FRAME_OPTIONS",
        **production(tmp_path, BEHIND_HTTPS_PROXY="true"),
    )  # fmt: skip
    assert values == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "X_FRAME_OPTIONS": "DENY",
    }


def test_hsts_comes_from_the_environment(tmp_path):
    values = settings_of(
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
        **production(tmp_path, BEHIND_HTTPS_PROXY="true", SECURE_HSTS_SECONDS="300",
                     SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="false"),
    )  # fmt: skip
    assert values == {
        "SECURE_HSTS_SECONDS": 300,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_without_the_proxy_nothing_forces_https_so_plain_http_still_works(tmp_path):
    values = settings_of(
        "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", **production(tmp_path)
    )
    assert values == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0, "SESSION_COOKIE_SECURE": False}


# --- make serve -----------------------------------------------------------------------------------------
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_serve(variables):
    """`make serve` without its `install` step (the suite runs in the installed environment)."""
    return subprocess.Popen(
        ["make", "--no-print-directory", "-o", "install", "serve"],
        cwd=BASE_DIR,
        env=environment(**variables),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # gunicorn and its workers in one group, stopped together
    )


def get(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


# Three minutes on a loaded machine (a fresh database's migrations, then compressing every static file),
# the same whatever the suite's database: once per CI run.
@needs_make
@pytest.mark.sqlite_run
@pytest.mark.usefixtures("on_sqlite_run")
def test_make_serve_collects_static_files_first_so_pages_render_with_debug_off(tmp_path):
    port = free_port()
    server = make_serve(production(tmp_path, PORT=port, HOST="127.0.0.1", WEB_CONCURRENCY=1))
    base = f"http://127.0.0.1:{port}"
    try:
        # migrate and collectstatic on a fresh database first: a loaded shared machine needed over 180 s.
        deadline = time.monotonic() + 360
        while True:
            try:
                status, headers, page = get(f"{base}/accounts/login/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "make serve did not answer in 360 s"
                time.sleep(0.5)

        assert status == 200, page
        assert (tmp_path / "static" / "staticfiles.json").exists()
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "the page links the hashed stylesheet from the manifest"
        assert get(base + stylesheet[1])[0] == 200
        assert headers["X-Frame-Options"] == "DENY"
        assert "script-src 'self';" in headers["Content-Security-Policy"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@needs_make
def test_make_serve_without_secret_key_or_allowed_hosts_says_what_to_set(tmp_path):
    variables = production(tmp_path)
    del variables["SECRET_KEY"]
    server = make_serve(variables)
    output, _ = server.communicate(timeout=60)
    assert server.returncode != 0
    assert (
        "make serve runs with DEBUG off and needs SECRET_KEY (32+ random characters) and ALLOWED_HOSTS"
        in output
    )
