"""The data migrations that move files stored before private storage existed: attachments (media/private/
trade/), dispute photos (media/disputes/) and certification documents (media/certificates/) leave MEDIA_ROOT
for the private storage, photos lose their GPS on the way, and going back puts them where the old code looked.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image as PILImage

from catalog.models import Certification
from orders.models import Dispute, DisputePhoto
from orders.trade.models import Attachment, Message
from tests.factories import CertificationFactory, image_bytes
from tests.trade.factories import ThreadFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The migrations under test, by the end of their names (the lead renumbers migrations at merge).
MOVES = {
    "trade": "_attachment_private_storage",
    "orders": "_disputephoto_private_storage",
    "catalog": "_certification_private_document",
}
OLD_NAMES = {
    "attachment": "private/trade/2026/01/spec.pdf",
    "photo": "disputes/2026/01/broken.jpg",
    "document": "certificates/cert.html",
}


def migrate(to):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(to(executor.loader))


def before_moves(loader):
    targets = []
    for app, suffix in MOVES.items():
        (key,) = [key for key in loader.disk_migrations if key[0] == app and key[1].endswith(suffix)]
        targets.extend(parent.key for parent in loader.graph.node_map[key].parents if parent.key[0] == app)
    return targets


def latest(loader):
    return loader.graph.leaf_nodes()


def gps_jpeg():
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (24.0, 51.0, 0.0)}
    return image_bytes(exif=exif)


@pytest.fixture
def stored_the_old_way(order):
    """An attachment, a dispute photo and a certification document, kept as before private storage."""
    thread = ThreadFactory()
    message = Message.objects.create(thread=thread, author=thread.buyer, body="spec attached")
    attachment = Attachment.objects.create(
        message=message,
        file=ContentFile(b"x", name="x.pdf"),
        name="spec.pdf",
        content_type="application/pdf",
        size=1,
    )
    photo = DisputePhoto.objects.create(
        dispute=Dispute.objects.create(order=order, reason="Broken"),
        image=ContentFile(image_bytes(), name="x.jpg"),
    )
    certification = CertificationFactory(document=ContentFile(b"%PDF-1.4", name="x.pdf"))
    migrate(before_moves)  # the columns added with private storage are gone: only the file columns are set
    Attachment.objects.filter(pk=attachment.pk).update(file=OLD_NAMES["attachment"])
    DisputePhoto.objects.filter(pk=photo.pk).update(image=OLD_NAMES["photo"])
    Certification.objects.filter(pk=certification.pk).update(document=OLD_NAMES["document"])
    public = storages["default"]
    public.save(OLD_NAMES["attachment"], ContentFile(b"%PDF-1.4\n%spec\n"))
    public.save(OLD_NAMES["photo"], ContentFile(gps_jpeg()))
    public.save(OLD_NAMES["document"], ContentFile(b"<html><script>alert(1)</script></html>"))
    yield attachment.pk, photo.pk, certification.pk
    migrate(latest)


def test_migrating_moves_every_private_file_out_of_media_and_strips_gps(stored_the_old_way):
    attachment_pk, photo_pk, certification_pk = stored_the_old_way

    migrate(latest)

    public, private = storages["default"], storages["private"]
    attachment = Attachment.objects.get(pk=attachment_pk)
    photo = DisputePhoto.objects.get(pk=photo_pk)
    certification = Certification.objects.get(pk=certification_pk)
    for old_name in OLD_NAMES.values():
        assert not public.exists(old_name)
    for name in (attachment.file.name, photo.image.name, certification.document.name):
        assert private.exists(name)
    assert attachment.file.name.startswith("trade/") and attachment.file.name.endswith(".pdf")
    assert (photo.name, certification.document_name) == ("broken.jpg", "cert.html")
    assert not certification.document.name.endswith(".html")  # kept, but only as an opaque download
    with private.open(photo.image.name) as stored:
        assert not PILImage.open(io.BytesIO(stored.read())).getexif()


def test_migrating_back_puts_the_files_where_the_old_code_looks(stored_the_old_way):
    attachment_pk, photo_pk, _ = stored_the_old_way
    migrate(latest)

    migrate(before_moves)

    public = storages["default"]
    attachment_name = Attachment.objects.values_list("file", flat=True).get(pk=attachment_pk)
    photo_name = DisputePhoto.objects.values_list("image", flat=True).get(pk=photo_pk)
    assert attachment_name.startswith("private/trade/") and public.exists(attachment_name)
    assert photo_name.startswith("disputes/") and public.exists(photo_name)
