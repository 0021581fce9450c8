#!/usr/bin/env bash
# Lighthouse 13 (npm package `lighthouse`) in its default mobile profile on home, /products/, a product page,
# a storefront and /search/, against the demo served as in production; prints the four category scores and, under
# each page, the audits that lose points. The reports are kept in bench/out/lighthouse/<page>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8766}
PY=.venv/bin/python
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "Chromium is missing: apt-get install chromium" >&2; exit 1; }
[ -x bench/node_modules/.bin/lighthouse ] || npm install --silent --no-save --prefix bench lighthouse@13.5.0 >/dev/null
work=$(mktemp -d)
out=bench/out/lighthouse
mkdir -p "$out"
export DEBUG=false SECRET_KEY=bench-secret-key-0123456789abcdefghijklmnop ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3} MEDIA_ROOT=${MEDIA_ROOT:-$work/media}
export STATIC_ROOT=$work/static SERVE_MEDIA=true
$PY manage.py migrate -v0 --noinput
$PY manage.py load_demo --if-empty >/dev/null
$PY manage.py collectstatic -v0 --noinput
urls=$($PY - <<'PY'
import os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()
from catalog.models import Product
p = Product.objects.visible().order_by("id").first()
for label, url in [("home", "/"), ("products", "/products/"), ("product", p.get_absolute_url()),
                   ("storefront", p.supplier.storefront_url), ("search", "/search/?q=blue+pottery")]:
    print(label, url)
PY
)
.venv/bin/gunicorn marketplace.wsgi --workers 2 --bind 127.0.0.1:$PORT --no-control-socket --log-level warning &
gpid=$!
trap 'kill $gpid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
while read -r label url; do
  # One view first, as any visited page has had: it generates the page's photo renditions and caches its
  # fragments, which a first visit after a restart does once (Lighthouse then measures the page, not that).
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$url"
  bench/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT$url" --quiet --output=json --output-path="$out/$label.json" \
    --chrome-flags="--headless --no-sandbox --disable-background-networking" >/dev/null 2>&1 || true
  $PY - "$out/$label.json" "$label" <<'PY'
import json
import sys

report = json.load(open(sys.argv[1]))
categories = report["categories"]
print(sys.argv[2], " ".join(f"{k}={categories[k]['score']}" for k in ["performance", "accessibility", "best-practices", "seo"]))
for key in ["performance", "accessibility", "best-practices", "seo"]:
    for ref in categories[key]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"  {key}: {ref['id']} score={audit['score']} {audit.get('displayValue', '')}".rstrip())
PY
done <<<"$urls"
