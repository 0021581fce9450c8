"""CPU work per page view, measured in one process through the WSGI handler gunicorn calls.

Wall-clock requests per second (bench/pages.sh) move with whatever else the machine runs; the work one
request costs does not. This script serves the same pages as pages.sh (home, /products/, the first visible
product, its supplier's storefront) by calling Django's WSGI application directly, as a gunicorn worker does
(no test client: it records templates and signals a server never does), warms each page, then measures:

    python bench/cpu_pages.py time [--rounds 7 --n 100]    CPU ms per request (time.process_time), per page
                                                            the median of rounds of n requests, pages
                                                            interleaved round by round
    python bench/cpu_pages.py calls [--n 100]               Python calls per request (cProfile), per page
    python bench/cpu_pages.py profile PAGE [--n 100]        the cProfile table of PAGE (by own time)
    valgrind --tool=callgrind --zero-before=getppid --dump-before=getpgrp \\
        python bench/cpu_pages.py callgrind [--n 50]        instructions per request, per page: the script
                                                            calls os.getppid() before and os.getpgrp() after
                                                            each page's n requests, so callgrind writes one
                                                            dump per page holding only those requests;
                                                            `python bench/cpu_pages.py ir callgrind.out.PID`
                                                            prints them per request

Run it from the root of the tree to measure (it imports the project from the working directory), with the
environment pages.sh sets (DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL of a demo database with
load_demo run, STATIC_ROOT after collectstatic, MEDIA_ROOT, SERVE_MEDIA=true) and PYTHONHASHSEED=0 for
repeatable instruction counts. It only reads: the same database can be measured again.
"""

import argparse
import gc
import glob
import io
import os
import re
import statistics
import sys
import time

PAGES = ("home", "products", "product", "storefront")


def setup():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from catalog.models import Product

    product = Product.objects.visible().order_by("id").first()
    urls = {
        "home": "/",
        "products": "/products/",
        "product": product.get_absolute_url(),
        "storefront": product.supplier.storefront_url,
    }
    return application, urls


def serve(application, url):
    """One GET as gunicorn hands it over (as wrk sends it: no cookies); the body read, the response closed."""
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": url,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8765",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8765",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    response = application(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        body = b"".join(response)
    finally:
        response.close()
    if not status[0].startswith("200"):
        raise SystemExit(f"{url}: {status[0]}")
    return body


def warm(application, urls, n=20):
    for url in urls.values():
        for _ in range(n):
            serve(application, url)


def measure_time(application, urls, rounds, n):
    times = {page: [] for page in PAGES}
    for _ in range(rounds):
        for page in PAGES:
            started = time.process_time()
            for _ in range(n):
                serve(application, urls[page])
            times[page].append((time.process_time() - started) * 1000 / n)
    for page in PAGES:
        rounds_ms = " ".join(f"{t:.2f}" for t in times[page])
        print(f"{page} cpu_ms={statistics.median(times[page]):.3f} rounds=[{rounds_ms}]")


def profiled(application, url, n):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        serve(application, url)
    profiler.disable()
    return pstats.Stats(profiler)


def measure_calls(application, urls, n):
    for page in PAGES:
        stats = profiled(application, urls[page], n)
        print(f"{page} calls={stats.total_calls / n:.1f} primitive={stats.prim_calls / n:.1f}")


def measure_callgrind(application, urls, n):
    for page in PAGES:
        gc.collect()  # each page starts with the same garbage: none
        os.getppid()  # callgrind --zero-before=getppid
        for _ in range(n):
            serve(application, urls[page])
        os.getpgrp()  # callgrind --dump-before=getpgrp
        print(page, file=sys.stderr)


def read_instructions(out_file, n):
    """Instructions per request of each page, from the dumps of a `callgrind` run (one per page, in order)."""
    parts = sorted(glob.glob(out_file + ".*"), key=lambda name: int(name.rsplit(".", 1)[1]))
    totals = []
    for part in parts:
        with open(part) as dump:
            text = dump.read()
        if "Trigger: --dump-before=getpgrp" not in text:
            continue
        totals.append(int(re.search(r"^summary: (\d+)", text, re.M).group(1)))
    for page, total in zip(PAGES, totals, strict=True):
        print(f"{page} instructions={total / n:,.0f}")


def main():
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("mode", choices=["time", "calls", "profile", "callgrind", "ir"])
    parser.add_argument("arg", nargs="?", help="profile: the page; ir: the callgrind.out.PID file")
    parser.add_argument("--n", type=int, default=None, help="requests per page (per round for time)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if args.mode == "ir":
        read_instructions(args.arg, args.n or 50)
        return
    application, urls = setup()
    warm(application, urls)
    if args.mode == "time":
        measure_time(application, urls, args.rounds, args.n or 100)
    elif args.mode == "calls":
        measure_calls(application, urls, args.n or 100)
    elif args.mode == "profile":
        profiled(application, urls[args.arg], args.n or 100).sort_stats("tottime").print_stats(40)
    else:
        measure_callgrind(application, urls, args.n or 50)


if __name__ == "__main__":
    main()
