"""Bulk listings import benchmark (a script, not a test): the dry run and the apply of 5,000 rows.

    .venv/bin/python bench/import.py [--rows 5000] [--photos 200] [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/import_bench .venv/bin/python bench/import.py

Generates a CSV of ROWS listings with 3 price tiers each, the first PHOTOS rows naming one photo each, and a
ZIP of PHOTOS small JPEGs; then, RUNS times, for a supplier with no listings, does what the background task
does (catalog.bulk.services): `run_check` (the dry run: read, check every row and photo) and `run_apply`
(read and check again, then write every listing, tier, material and photo in one transaction). Prints each
run's wall time and the process's peak resident memory (ru_maxrss, everything Django holds included), then
the medians, against the targets: dry run < 30 s, apply < 60 s, peak < 500 MB.

Without DATABASE_URL it uses a fresh SQLite file in a temporary folder (migrated first); with it, the
given PostgreSQL database (migrated if needed; the bench supplier and its rows are deleted at the end).
Uploaded files and photos go to a temporary MEDIA_ROOT, removed at the end. Tasks go to the database queue
and are not run (renditions and the search reindex are a worker's job, not the import's).
"""

import argparse
import io
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
WORK = tempfile.TemporaryDirectory(prefix="import-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK.name}/bench.sqlite3")
os.environ["MEDIA_ROOT"] = f"{WORK.name}/media"
os.environ["PRIVATE_MEDIA_ROOT"] = f"{WORK.name}/private"
os.environ["TASKS_BACKEND"] = "database"

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from PIL import Image  # noqa: E402

from catalog.bulk import services  # noqa: E402
from catalog.bulk.columns import COLUMN_NAMES  # noqa: E402
from catalog.bulk.models import ImportJob  # noqa: E402
from catalog.models import (  # noqa: E402
    Category,
    Material,
    PriceTier,
    Product,
    ProductImage,
    Supplier,
    SupplierMembership,
)
from marketplace.accounts.models import User  # noqa: E402
from marketplace.csv_export import writer  # noqa: E402

WORDS = [
    "hand-painted",
    "blue",
    "pottery",
    "vase",
    "ajrak",
    "shawl",
    "khussa",
    "leather",
    "glove",
    "carpet",
    "lamp",
    "crochet",
    "embroidered",
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def make_csv(rows: int, photos: int, categories, materials) -> bytes:
    out = io.StringIO()
    csv_out = writer(out)
    csv_out.writerow(COLUMN_NAMES)
    rng = random.Random(19)
    for number in range(rows):
        moq = rng.choice([5, 10, 20, 50])
        title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" {number}"
        cells = {
            "sku": f"BENCH-{number:05d}",
            "title": title,
            "description": f"{title}: made by hand in a Multan workshop, packed for export. " * 3,
            "category": rng.choice(categories),
            "materials": ";".join(rng.sample(materials, 2)),
            "origin_region": rng.choice(["punjab", "sindh", "kp", "gb"]),
            "hs_code": rng.choice(["6913.90", "4203.29", "5701.10", "6214.20"]),
            "moq": moq,
            "unit": "piece",
            "lead_time_days": rng.randint(7, 90),
            "monthly_capacity": rng.randint(100, 5000),
            "sample_available": "yes",
            "sample_price": "15.00",
            "incoterms": "FOB;EXW",
            "customisation": "Custom colours",
            "status": "published" if number % 2 else "draft",
            "photos": f"photo-{number:03d}.jpg" if number < photos else "",
            "tier1_min_quantity": moq,
            "tier1_unit_price": "12.50",
            "tier2_min_quantity": moq * 5,
            "tier2_unit_price": "10.80",
            "tier3_min_quantity": moq * 20,
            "tier3_unit_price": "9.90",
        }
        csv_out.writerow([cells.get(name, "") for name in COLUMN_NAMES])
    return out.getvalue().encode("utf-8")


def make_zip(photos: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(photos):
            image = io.BytesIO()
            # Noise, so each is a realistic 50-100 KB phone-sized JPEG, not a few hundred bytes of one colour.
            noise = Image.effect_noise((640, 480), 40 + number % 20).convert("RGB")
            Image.blend(noise, Image.new("RGB", (640, 480), ((number * 37) % 255, 90, 160)), 0.5).save(
                image, "JPEG", quality=80
            )
            archive.writestr(f"photo-{number:03d}.jpg", image.getvalue())
    return out.getvalue()


def delete_listings(supplier):
    """Deletes the bench's listings and their rows in bulk, without signals: Product.delete() would send
    one search-index update per listing (5,000 of them, minutes), which is not what is measured here."""
    products = Product.objects.filter(supplier=supplier)
    for model in (PriceTier, ProductImage, Product.materials.through):
        model.objects.filter(product__in=products)._raw_delete(model.objects.db)
    products._raw_delete(Product.objects.db)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    categories = []
    for slug in ("bench-ceramics", "bench-leather", "bench-carpets", "bench-shawls"):
        Category.objects.get_or_create(slug=slug, defaults={"name": slug.split("-")[1].title()})
        categories.append(slug)
    materials = []
    for name in ("Bench clay", "Bench leather", "Bench wool", "Bench cotton"):
        Material.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})
        materials.append(name)
    supplier, _ = Supplier.objects.get_or_create(
        slug="import-bench-supplier", defaults={"name": "Import bench supplier", "region": "punjab"}
    )
    owner, _ = User.objects.get_or_create(email="import-bench@example.com")
    SupplierMembership.objects.get_or_create(user=owner, supplier=supplier, defaults={"role": "owner"})
    table, photos = make_csv(options.rows, options.photos, categories, materials), make_zip(options.photos)
    print(
        f"{connection.vendor}: {options.rows} rows ({len(table) / 1e6:.1f} MB CSV), {options.photos} photos "
        f"({len(photos) / 1e6:.1f} MB ZIP); load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    checks, applies = [], []
    try:
        for run in range(1, options.runs + 1):
            delete_listings(supplier)
            job = services.start_import(
                actor=owner,
                supplier=supplier,
                table=SimpleUploadedFile("bench.csv", table),
                photos=SimpleUploadedFile("bench.zip", photos),
            )
            assert job.state == "checking", "a file this large is checked by a task"
            started = time.perf_counter()
            services.run_check(job.pk)
            checks.append(time.perf_counter() - started)
            job.refresh_from_db()
            assert job.counts == {"create": options.rows, "change": 0, "unchanged": 0, "invalid": 0}, (
                job.counts
            )
            services.request_apply(job, actor=owner, all_or_nothing=True)  # enqueues: the bench is the worker
            started = time.perf_counter()
            services.run_apply(job.pk, owner.pk)
            applies.append(time.perf_counter() - started)
            job.refresh_from_db()
            assert job.state == "applied" and job.applied["created"] == options.rows, job.applied
            print(
                f"run {run}: dry run {checks[-1]:.1f} s, apply {applies[-1]:.1f} s, peak {peak_mb():.0f} MB, "
                f"load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    finally:
        delete_listings(supplier)
        ImportJob.objects.filter(supplier=supplier).delete()
    check, apply_, peak = statistics.median(checks), statistics.median(applies), peak_mb()
    print(
        f"median of {options.runs}: dry run {check:.1f} s (< 30: {'met' if check < 30 else 'NOT met'}), "
        f"apply {apply_:.1f} s (< 60: {'met' if apply_ < 60 else 'NOT met'}), "
        f"peak {peak:.0f} MB (< 500: {'met' if peak < 500 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
