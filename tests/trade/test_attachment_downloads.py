"""Inquiry and RFQ attachments: stored privately under random names, re-encoded when they are images, and
handed out only by trade:attachment to the parties (refusals first), always as a download."""

import io
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from orders.trade.attachments import check_attachment, save_attachments
from orders.trade.models import Attachment
from orders.trade.services import inquiries
from tests.factories import BuyerFactory, MembershipFactory, SupplierFactory, image_bytes

from .factories import ThreadFactory

pytestmark = pytest.mark.django_db


def pdf(name="spec.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%a small pdf\n", content_type="application/pdf")


def gps_exif():
    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (31.0, 30.0, 0.0)}  # GPSInfo: a workshop in Multan
    return exif


def send_inquiry(client, supplier, *uploads):
    response = client.post(
        f"/inbox/new/?supplier={supplier.slug}", {"body": "See file", "attachments": uploads}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return Attachment.objects.latest("pk")


def url(attachment):
    return reverse("trade:attachment", args=[attachment.pk])


@pytest.fixture
def sent(client_for, buyer, supplier, artisan):
    """An attachment the buyer sent the supplier (whose member is `artisan`)."""
    return send_inquiry(client_for(buyer), supplier, pdf())


# --- refusals ---------------------------------------------------------------------------------------------
def test_an_anonymous_visitor_is_sent_to_log_in_not_given_the_file(client, sent):
    client.logout()

    response = client.get(url(sent))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_another_buyer_cannot_download_an_attachment(client_for, sent):
    assert client_for(BuyerFactory()).get(url(sent)).status_code == 404


def test_a_member_of_another_supplier_cannot_download_an_attachment(client_for, sent, other_artisan):
    assert client_for(other_artisan).get(url(sent)).status_code == 404


def test_the_attachment_of_a_hidden_message_is_refused_to_the_parties(
    client_for, sent, curator, buyer, artisan
):
    inquiries.hide_message(sent.message, curator=curator, reason="Contact details")

    assert client_for(buyer).get(url(sent)).status_code == 404
    assert client_for(artisan).get(url(sent)).status_code == 404


def test_a_curator_may_download_the_attachment_of_a_hidden_message(client_for, sent, curator):
    inquiries.hide_message(sent.message, curator=curator, reason="Contact details")

    assert client_for(curator).get(url(sent)).status_code == 200


def test_an_rfq_attachment_is_refused_to_a_supplier_the_rfq_does_not_reach(client_for, rfq):
    attachment = save_attachments([check_attachment(pdf())], rfq=rfq)[0]
    outsider = MembershipFactory(supplier=SupplierFactory(name="Leather Works")).user

    assert client_for(outsider).get(url(attachment)).status_code == 404


# --- the parties ------------------------------------------------------------------------------------------
def test_the_buyer_and_the_suppliers_member_download_it_as_an_attachment(client_for, sent, buyer, artisan):
    for user in (buyer, artisan):
        response = client_for(user).get(url(sent))

        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="spec.pdf"'
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_rfq_attachment_reaches_every_supplier_the_rfq_reaches(client_for, rfq, artisan, rival_artisan):
    attachment = save_attachments([check_attachment(pdf())], rfq=rfq)[0]

    assert client_for(artisan).get(url(attachment)).status_code == 200
    assert client_for(rival_artisan).get(url(attachment)).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["ضمانت نامہ.pdf", "Café.pdf"],
)
def test_a_non_ascii_name_is_sent_as_rfc_6266_filename_star(client_for, buyer, supplier, name):
    attachment = send_inquiry(client_for(buyer), supplier, pdf(name))

    response = client_for(buyer).get(url(attachment))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"


# --- how it is stored -------------------------------------------------------------------------------------
def test_an_attachment_is_stored_under_a_random_name_outside_the_media_folder(sent):
    assert "spec" not in sent.file.name
    assert sent.name == "spec.pdf"
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))
    with sent.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_a_fresh_attachment_is_not_served_under_the_media_url(client, sent):
    assert client.get(f"{settings.MEDIA_URL}{sent.file.name}").status_code == 404


def test_an_image_attachment_keeps_no_gps(client_for, buyer, supplier):
    upload = SimpleUploadedFile("site.jpg", image_bytes(exif=gps_exif()), content_type="image/jpeg")

    attachment = send_inquiry(client_for(buyer), supplier, upload)

    with attachment.file.open("rb") as stored:
        assert not PILImage.open(io.BytesIO(stored.read())).getexif()
    assert (attachment.name, attachment.content_type) == ("site.jpg", "image/jpeg")


def test_an_image_attachment_over_the_photo_pixel_limit_is_a_form_error(
    client_for, buyer, supplier, settings
):
    settings.PHOTO_MAX_PIXELS = 10_000
    upload = SimpleUploadedFile("huge.png", image_bytes("PNG", size=(400, 400)), content_type="image/png")

    response = client_for(buyer).post(
        f"/inbox/new/?supplier={supplier.slug}", {"body": "Keep me", "attachments": [upload]}
    )

    assert response.status_code == 400
    assert "Keep me" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_message_thread_page_links_attachments_through_the_checked_view(client_for, sent, buyer):
    html = client_for(buyer).get(reverse("trade:thread", args=[sent.message.thread_id])).content.decode()

    assert url(sent) in html
    assert settings.MEDIA_URL not in html


def test_an_unchecked_upload_cannot_be_saved_as_an_attachment(db):
    thread = ThreadFactory()
    message = thread.messages.create(author=thread.buyer, body="x")

    with pytest.raises(TypeError):
        save_attachments([(pdf(), "application/pdf")], message=message)
