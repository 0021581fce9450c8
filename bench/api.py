"""Requests per second of the API's product list and search next to the HTML pages that show the same.

Serves the demo marketplace as bench/pages.sh does (fresh SQLite database unless DATABASE_URL is set, the
demo loaded, gunicorn with 2 workers, DEBUG off, whitenoise) and loads, with wrk on loopback (8 connections):

    products      /products/                  the HTML product list (24 cards)
    api-products  /api/v1/products/           the API's first page (25 products), with a read token
    search        /search/?q=...              the HTML search page (20 results, facets)
    api-search    /api/v1/search/?q=...       the API's search (20 results, facets)

Each pair runs alternately, page then API, RUNS times (after one warm-up each), so both meet the same
moments of a shared machine; prints medians of requests/s, p50 and p99 latency, SQL queries per request
(counted warm with the test client) and bytes, with the load average before and after.

    .venv/bin/python bench/api.py [--seconds 15] [--runs 3] [--query "blue pottery"]

The API's rate limit is lifted for the run (API_RATE_LIMIT): the bench measures the work, not the limit.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

PROBE = r"""
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from api.tokens import issue_token
from marketplace.accounts.models import User
user = User.objects.get(email="buyer@demo.pk")
_token, secret = issue_token(user, name="bench", scope="read")
print("TOKEN", secret)
client = Client(HTTP_HOST="127.0.0.1")
api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
for label, url in [(l, u) for l, u in (a.split("=", 1) for a in sys.argv[1:])]:
    who = api if label.startswith("api-") else client
    who.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = who.get(url)
    assert response.status_code == 200, (url, response.status_code)
    print("PAGE", label, len(queries), len(response.content))
"""


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, seconds, headers=()):
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} responses were errors:\n{out}")
    return rps, p50, p99


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="blue pottery", help="the search words")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8766)))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    work = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-secret-key-0123456789abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{work}/bench.sqlite3"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(work / "media")),
        "STATIC_ROOT": str(work / "static"),
        "SERVE_MEDIA": "true",
        "API_RATE_LIMIT": "100000000/minute",
    }
    gunicorn = None
    try:
        run([PY, "manage.py", "migrate", "-v0", "--noinput"], env)
        run([PY, "manage.py", "load_demo", "--if-empty"], env, stdout=subprocess.DEVNULL)
        run([PY, "manage.py", "collectstatic", "-v0", "--noinput"], env)
        query = urllib.parse.urlencode({"q": args.query})
        pairs = [
            ("products", "/products/", "api-products", "/api/v1/products/"),
            ("search", f"/search/?{query}", "api-search", f"/api/v1/search/?{query}"),
        ]
        urls = {label: url for pair in pairs for label, url in (pair[:2], pair[2:])}
        probe = run(
            [PY, "-c", PROBE, *(f"{label}={url}" for label, url in urls.items())],
            env,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
        token = next(line.split()[1] for line in probe if line.startswith("TOKEN"))
        counted = {line.split()[1]: line.split()[2:] for line in probe if line.startswith("PAGE")}

        gunicorn = subprocess.Popen(
            [GUNICORN, "marketplace.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{args.port}",
             "--no-control-socket", "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/products/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)

        print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}", flush=True)
        results = {label: [] for label in urls}
        headers = {
            label: [f"Authorization: Bearer {token}"] if label.startswith("api-") else [] for label in urls
        }
        for label, url in urls.items():
            wrk(base + url, 3, headers[label])  # warm-up: renditions made, fragments cached
        for _ in range(args.runs):
            for page, _page_url, api, _api_url in pairs:
                for label in (page, api):
                    results[label].append(wrk(base + urls[label], args.seconds, headers[label]))
        print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        for label, runs in results.items():
            rps = statistics.median(r[0] for r in runs)
            p50 = statistics.median(r[1] for r in runs)
            p99 = statistics.median(r[2] for r in runs)
            each = " / ".join(f"{r[0]:.1f}" for r in runs)
            queries, size = counted[label]
            print(f"{label} rps={rps:.1f} ({each}) p50_ms={p50:.1f} p99_ms={p99:.1f}", end=" ")
            print(f"queries={queries} bytes={size}")
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
