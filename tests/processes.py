"""Run the project in a process of its own, with the environment a deployment would give it.

Settings are read once, from the environment, when a process starts: what production settings do (security
headers, database options, the refusal to start unsafely) shows only in a fresh process.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

BASE_DIR = settings.BASE_DIR
# Variables of the test run that would leak into a production-like process; each test says what it needs.
# (The browser tests relax Django's async-safety guard for their own process: deploy checks refuse it.)
_CLEARED = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "BEHIND_HTTPS_PROXY",
    "SECURE_COOKIES",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def environment(**variables) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in _CLEARED}
    env["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    env.update({key: str(value) for key, value in variables.items()})
    return env


def run_python(*args, timeout=120, **variables) -> subprocess.CompletedProcess:
    """`python *args` in the project folder with `variables` as the only project settings."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environment(**variables),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def settings_of(*names, **variables) -> dict:
    """The values of settings `names` in a process started with `variables`."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, default=str))"
    )
    done = run_python("-c", script, **variables)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
