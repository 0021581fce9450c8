"""Uploading, the dry run, applying: through the pages, as an owner would."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.bulk import services
from catalog.bulk.models import ImportJob
from catalog.models import Product, ProductImage
from marketplace.audit.models import StateChange
from tests.factories import ProductFactory

from .factories import csv_upload, photo, row, xlsx_upload, zip_upload

pytestmark = pytest.mark.django_db


def upload(client, table, photos=None, **extra):
    data = {"table": table, **extra}
    if photos is not None:
        data["photos"] = photos
    response = client.post(reverse("sell:import"), data)
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.latest("pk")


def apply(client, job, all_or_nothing=False):
    data = {"all_or_nothing": "on"} if all_or_nothing else {}
    return client.post(reverse("sell:import-apply", args=[job.pk]), data)


@pytest.fixture
def existing(supplier, ceramics, clay):
    """Two listings of the supplier, as row("KEEP") and row("EDIT") describe them."""
    products = {}
    for sku in ("KEEP", "EDIT"):
        product = ProductFactory(
            supplier=supplier, sku=sku, title=f"Blue pottery vase {sku}", category=ceramics,
            description="Multani blue pottery, glazed and kiln-fired.", hs_code="691390", moq=10,
            lead_time_days=30, monthly_capacity=500, sample_available=True, sample_price=Decimal("15.00"),
            incoterms=["FOB", "EXW"], customisation="Custom colours", status="draft",
            tiers=[(10, "12.50"), (50, "10.80")],
        )  # fmt: skip
        product.materials.set([clay])
        products[sku] = product
    return products


def test_the_dry_run_reports_what_would_happen_and_saves_nothing(owner_client, existing):
    job = upload(
        owner_client, csv_upload([row("KEEP"), row("EDIT", moq="20", tier1_min_quantity="20"), row("NEW")])
    )

    assert job.state == "checked"
    assert job.counts == {"create": 1, "change": 1, "unchanged": 1, "invalid": 0}
    assert Product.objects.count() == 2 and Product.objects.get(sku="EDIT").moq == 10
    page = owner_client.get(reverse("sell:import-job", args=[job.pk]))
    assert b"1 new listing" in page.content and b"Apply the valid rows" in page.content


def test_apply_creates_changes_and_leaves_alone_in_one_go(owner_client, owner, existing, supplier):
    keep_updated = Product.objects.get(sku="KEEP").updated_at
    job = upload(
        owner_client,
        xlsx_upload(
            [row("KEEP"), row("EDIT", moq="20", tier1_min_quantity="20", status="published"), row("NEW")]
        ),
    )
    response = apply(owner_client, job)

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == "applied"
    assert job.applied == {"created": 1, "changed": 1, "unchanged": 1, "skipped": 0}
    edited = Product.objects.get(sku="EDIT")
    assert edited.moq == 20 and edited.status == "published" and edited.published_at is not None
    assert [(t.min_quantity, t.unit_price) for t in edited.tiers()] == [
        (20, Decimal("12.50")),
        (50, Decimal("10.80")),
    ]
    new = Product.objects.get(sku="NEW")
    assert new.supplier == supplier and new.hs_code == "691390" and new.status == "draft"
    assert list(new.materials.values_list("name", flat=True)) == ["Clay"]
    assert new.incoterms == ["FOB", "EXW"] and new.slug == "blue-pottery-vase-new"
    assert Product.objects.get(sku="KEEP").updated_at == keep_updated
    # The publication is audited as the single-listing form audits it.
    assert StateChange.objects.filter(
        object_id=edited.pk, field="status", to_state="published", actor=owner
    ).exists()
    assert StateChange.objects.filter(object_id=job.pk, to_state="applied", actor=owner).exists()


def test_apply_skips_rows_with_errors_unless_all_or_nothing(owner_client, supplier):
    job = upload(owner_client, csv_upload([row("GOOD"), row("BAD", category="nope")]))
    report = owner_client.get(reverse("sell:import-job", args=[job.pk])).content.decode()
    assert "<td>3</td><td><code>category</code></td><td>nope</td><td>Unknown category.</td>" in report

    refused = apply(owner_client, job, all_or_nothing=True)
    assert refused.status_code == 302
    job.refresh_from_db()
    assert job.state == "checked" and not Product.objects.exists()
    assert "Some rows have errors" in owner_client.get(refused["Location"]).content.decode()

    apply(owner_client, job)
    job.refresh_from_db()
    assert job.state == "applied" and job.applied["skipped"] == 1
    assert list(Product.objects.values_list("sku", flat=True)) == ["GOOD"]


def test_all_or_nothing_applies_nothing_when_the_file_has_errors_at_apply_time(owner, supplier, ceramics):
    """A row valid at the dry run can break before the apply (its category deleted meanwhile)."""
    other = ceramics.__class__.objects.create(name="Lamps", slug="lamps")
    job = services.start_import(
        actor=owner, supplier=supplier, table=csv_upload([row("A"), row("B", category="lamps")])
    )
    assert job.counts["invalid"] == 0
    other.delete()
    job = services.request_apply(job, actor=owner, all_or_nothing=True)

    assert job.state == "checked" and "nothing was applied" in job.failure
    assert not Product.objects.exists()


def test_applying_twice_changes_nothing_the_second_time(owner_client, supplier):
    job = upload(owner_client, csv_upload([row("A")]))
    apply(owner_client, job)
    apply(owner_client, job)
    assert Product.objects.count() == 1


def test_photos_from_the_zip_become_the_listings_photos_cleaned_like_single_uploads(owner_client, supplier):
    photos = zip_upload({"photos/front.jpg": photo(), "side.JPG": photo((10, 120, 200))})
    job = upload(
        owner_client,
        csv_upload([row("A", photos="front.jpg;side.jpg"), row("B", photos="front.jpg")]),
        photos,
    )
    apply(owner_client, job)

    product = Product.objects.get(sku="A")
    images = list(product.images.order_by("position").select_related("photo"))
    assert [image.position for image in images] == [0, 1]
    assert images[0].photo.file.name.endswith(".jpg") and images[0].photo.file_hash
    # One Photo per file, shared by the rows that name it.
    assert ProductImage.objects.filter(product__sku="B").get().photo == images[0].photo


def test_a_zip_bomb_is_refused_before_anything_is_inflated(owner_client, supplier):
    bomb = zip_upload({"front.jpg": b"\x00" * (8 * 1024 * 1024)})  # 8 MB of zeros: a few KB compressed
    assert bomb.size < 100_000
    job = upload(owner_client, csv_upload([row("A", photos="front.jpg")]), bomb)

    assert job.state == "failed" and "ZIP bomb" in job.failure
    assert not Product.objects.exists()
    page = owner_client.get(reverse("sell:import-job", args=[job.pk]))
    assert "ZIP bomb" in page.content.decode()


def test_a_file_that_is_not_a_table_fails_with_a_message_not_a_500(owner_client, supplier):
    from django.core.files.uploadedfile import SimpleUploadedFile

    job = upload(owner_client, SimpleUploadedFile("listings.csv", photo()))
    assert job.state == "failed" and "not a CSV or XLSX" in job.failure
    assert owner_client.get(reverse("sell:import-job", args=[job.pk])).status_code == 200


def test_a_failing_upload_form_keeps_the_page_and_says_what_is_missing(owner_client, supplier):
    response = owner_client.post(reverse("sell:import"), {})
    assert response.status_code == 200 and b"errorlist" in response.content
    assert not ImportJob.objects.exists()


def test_a_large_file_is_checked_and_applied_in_the_background(
    owner_client, supplier, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 2)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        job = upload(owner_client, csv_upload([row("A"), row("B"), row("C")]))
    assert job.state == "checking" and job.rows_total == 3
    page = owner_client.get(reverse("sell:import-job", args=[job.pk]))
    assert b'http-equiv="refresh"' in page.content and b"0 of about 3 rows done" in page.content

    for callback in pending:
        callback()  # the worker runs the dry run
    job.refresh_from_db()
    assert job.state == "checked" and job.rows_done == 3

    with django_capture_on_commit_callbacks(execute=True):
        apply(owner_client, job)
    job.refresh_from_db()
    assert job.state == "applied" and Product.objects.count() == 3


def test_the_same_file_and_photos_imported_again_leave_the_listing_alone(owner_client, supplier):
    from catalog.models import Photo

    def files():
        table = csv_upload([row("A", photos="front.jpg;side.jpg")])
        return table, zip_upload({"front.jpg": photo(), "side.jpg": photo((10, 120, 200))})

    apply(owner_client, upload(owner_client, *files()))
    photos_before = Photo.objects.count()

    again = upload(owner_client, *files())
    assert again.counts == {"create": 0, "change": 0, "unchanged": 1, "invalid": 0}
    swapped = upload(owner_client, csv_upload([row("A", photos="side.jpg;front.jpg")]), files()[1])
    assert swapped.counts["change"] == 1  # the same photos in another order: a new main photo
    assert Photo.objects.count() == photos_before == 2
