#!/usr/bin/env bash
# Serve the demo marketplace as production would (gunicorn, 2 workers, DEBUG off, whitenoise) and load
# home, /products/, a product page and a storefront with wrk on loopback: warm-up, then 3 runs of BENCH_S
# seconds with 8 connections. Prints per page: <label> rps=.. p50_ms=.. p99_ms=.. queries=.. bytes=..
# (medians over the runs; SQL queries per request; bytes of the HTML).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8765}
BENCH_S=${BENCH_S:-30}
RUNS=3
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
export DEBUG=false SECRET_KEY=bench-secret-key-0123456789abcdefghijklmnop ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3} MEDIA_ROOT=${MEDIA_ROOT:-$work/media}
export STATIC_ROOT=$work/static SERVE_MEDIA=true
$PY manage.py migrate -v0 --noinput
$PY manage.py load_demo --if-empty >/dev/null
$PY manage.py collectstatic -v0 --noinput

# Pick the pages and count their SQL queries (and HTML bytes) with the test client, warm.
$PY - > "$work/pages.txt" <<'PY'
import os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from catalog.models import Product
product = Product.objects.visible().order_by("id").first()
pages = {"home": "/", "products": "/products/", "product": product.get_absolute_url(),
         "storefront": product.supplier.storefront_url}
client = Client(HTTP_HOST="127.0.0.1")
for label, url in pages.items():
    client.get(url)
    with CaptureQueriesContext(connection) as q:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    print(label, url, len(q), len(response.content))
PY

.venv/bin/gunicorn marketplace.wsgi --workers 2 --bind 127.0.0.1:$PORT --no-control-socket \
  --log-level warning > "$work/gunicorn.log" 2>&1 &
gpid=$!
trap 'kill $gpid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.1f", v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

while read -r label url queries bytes; do
  wrk -t2 -c8 -d3s "http://127.0.0.1:$PORT$url" >/dev/null  # warm-up
  rps=(); p50=(); p99=()
  for _ in $(seq 1 $RUNS); do
    out=$(wrk -t2 -c8 -d"${BENCH_S}s" --latency "http://127.0.0.1:$PORT$url")
    rps+=("$(awk '/Requests\/sec/ {print $2}' <<<"$out")")
    p50+=("$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)")
    p99+=("$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)")
  done
  echo "$label rps=$(printf '%s\n' "${rps[@]}" | median) p50_ms=$(printf '%s\n' "${p50[@]}" | median)" \
       "p99_ms=$(printf '%s\n' "${p99[@]}" | median) queries=$queries bytes=$bytes"
done < "$work/pages.txt"
