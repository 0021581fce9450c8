"""Inquiries: starting, replying, closing, unread counts, the sign-up detour, rate limits, attachments."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.audit.models import StateChange
from marketplace.workflow import TransitionError
from orders.trade.models import Attachment, Message, Thread
from orders.trade.services import inquiries
from tests.factories import ProductFactory, image_upload

from .factories import ThreadFactory

pytestmark = pytest.mark.django_db


def new_url(supplier, product=None):
    url = f"/inbox/new/?supplier={supplier.slug}"
    return url + (f"&product={product.slug}" if product else "")


def test_buyer_sends_inquiry_from_product_and_supplier_members_are_emailed(
    client_for, buyer, supplier, artisan, django_capture_on_commit_callbacks
):
    product = ProductFactory(supplier=supplier)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(buyer).post(
            new_url(supplier, product),
            {"body": "Indigo available?", "quantity": "200", "destination_country": "de"},
        )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inbox/{thread.pk}/"
    assert (thread.product, thread.quantity, thread.destination_country) == (product, 200, "DE")
    assert [m.to for m in mail.outbox] == [[artisan.email]]
    assert StateChange.objects.filter(object_id=thread.pk, to_state="open").exists()


def test_inquiry_for_product_of_another_supplier_is_404(client_for, buyer, supplier):
    other_product = ProductFactory()
    assert client_for(buyer).get(new_url(supplier, other_product)).status_code == 404


def test_anonymous_draft_survives_signup_and_is_restored(
    client, supplier, artisan, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://crafts.example"
    response = client.post(new_url(supplier), {"body": "Can you ship 300 lamps to Dubai?", "quantity": "300"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/signup/?next=")
    assert not Thread.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        signup = client.post(
            response["Location"],
            {"email": "new@example.com", "full_name": "New Buyer", "password": "a-Long-pass-123",
             "company": "Lamps LLC", "country": "AE", "preferred_currency": "AED"},
        )  # fmt: skip
    assert signup.status_code == 302, signup.content
    # The account exists once the buyer follows the emailed link (same browser: the draft is in the session).
    (confirm_link,) = [
        word for word in mail.outbox[-1].body.split() if word.startswith("https://crafts.example")
    ]
    confirmed = client.post(confirm_link.removeprefix("https://crafts.example"))
    assert confirmed.status_code == 302, confirmed.content
    page = client.get(confirmed["Location"])
    assert "Can you ship 300 lamps to Dubai?" in page.content.decode()
    client.post(confirmed["Location"], {"body": "Can you ship 300 lamps to Dubai?", "quantity": "300"})
    assert Thread.objects.get().buyer.email == "new@example.com"


def test_supplier_reply_sets_first_response_and_unread_count_for_buyer(buyer, supplier, artisan, client_for):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="Hello")
    inquiries.reply(thread, author=artisan, body="Yes, we can.")
    thread.refresh_from_db()
    assert thread.first_response_at is not None
    assert inquiries.unread_counts([thread], buyer) == {thread.pk: 1}
    client_for(buyer).get(f"/inbox/{thread.pk}/")
    assert inquiries.unread_counts([thread], buyer) == {}


def test_inbox_shows_unread_count(client_for, buyer, supplier, artisan):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="Hello")
    page = client_for(artisan).get("/inbox/")
    assert thread.subject in page.content.decode() and "1 new" in page.content.decode()


def test_stranger_cannot_read_or_reply_to_a_thread(client_for, other_artisan, buyer, supplier):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="Private")
    client = client_for(other_artisan)
    assert client.get(f"/inbox/{thread.pk}/").status_code == 404
    assert client.post(f"/inbox/{thread.pk}/", {"body": "spam"}).status_code == 404
    assert client.post(f"/inbox/{thread.pk}/close/").status_code == 404
    assert Message.objects.count() == 1


def test_reply_service_refuses_a_non_party(buyer, supplier, other_artisan):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="Hello")
    with pytest.raises(TransitionError) as exc:
        inquiries.reply(thread, author=other_artisan, body="hi")
    assert exc.value.code == "not_party"


def test_closing_is_idempotent_and_closed_thread_refuses_replies(client_for, buyer, supplier, artisan):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="Hello")
    assert inquiries.close_thread(thread, actor=artisan).changed
    assert not inquiries.close_thread(thread, actor=buyer).changed
    response = client_for(buyer).post(f"/inbox/{thread.pk}/", {"body": "one more"}, follow=True)
    assert response.status_code == 200 and "closed" in response.content.decode()
    assert Message.objects.count() == 1


def test_inquiry_rate_limit_gives_a_clear_message(client_for, buyer, supplier, settings):
    settings.RATE_LIMIT_INQUIRIES_PER_HOUR = 2
    ThreadFactory.create_batch(2, buyer=buyer)
    response = client_for(buyer).post(new_url(supplier), {"body": "third"})
    assert response.status_code == 400
    assert "limit" in response.content.decode() and "third" in response.content.decode()
    assert Thread.objects.filter(supplier=supplier).count() == 0


def test_supplier_cannot_send_inquiry_to_itself(artisan, supplier):
    with pytest.raises(TransitionError):
        inquiries.start_inquiry(buyer=artisan, supplier=supplier, body="me")


def test_pdf_and_image_attachments_are_kept_and_served_only_to_parties(
    client_for, buyer, supplier, artisan, other_artisan
):
    pdf = SimpleUploadedFile("spec.pdf", b"%PDF-1.4\n%fake but magic\n", content_type="application/pdf")
    client_for(buyer).post(new_url(supplier), {"body": "See spec", "attachments": [pdf, image_upload()]})
    pdf_att = Attachment.objects.get(content_type="application/pdf")
    assert Attachment.objects.count() == 2
    assert client_for(artisan).get(f"/trade/attachments/{pdf_att.pk}/").status_code == 200
    assert client_for(other_artisan).get(f"/trade/attachments/{pdf_att.pk}/").status_code == 404


def test_attachment_that_is_neither_image_nor_pdf_is_a_form_error(client_for, buyer, supplier):
    fake = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client_for(buyer).post(new_url(supplier), {"body": "Keep me", "attachments": [fake]})
    assert response.status_code == 400 and "neither a PDF" in response.content.decode()
    assert "Keep me" in response.content.decode() and not Thread.objects.exists()


def test_attachment_over_the_size_limit_is_refused(client_for, buyer, supplier, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 200, content_type="application/pdf")
    response = client_for(buyer).post(new_url(supplier), {"body": "big", "attachments": [big]})
    assert response.status_code == 400 and "too large" in response.content.decode()


def test_curator_hides_a_message_and_parties_see_a_notice(client_for, curator, buyer, supplier, artisan):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="abusive words")
    inquiries.hide_message(thread.messages.get(), curator=curator, reason="abuse")
    page = client_for(artisan).get(f"/inbox/{thread.pk}/").content.decode()
    assert "abusive words" not in page and "hidden by a curator" in page


def test_non_curator_cannot_hide_messages(buyer, supplier, artisan):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="hello")
    with pytest.raises(TransitionError):
        inquiries.hide_message(thread.messages.get(), curator=artisan, reason="I dislike it")


def test_inbox_query_count_does_not_grow_with_threads(client_for, buyer, django_assert_max_num_queries):
    client = client_for(buyer)
    ThreadFactory.create_batch(2, buyer=buyer)
    client.get("/inbox/")  # caches what every page shows (the header's and footer's links, cms.navigation)
    with django_assert_max_num_queries(8) as two:
        client.get("/inbox/")
    ThreadFactory.create_batch(8, buyer=buyer)
    with django_assert_max_num_queries(8) as ten:
        client.get("/inbox/")
    assert len(two.captured_queries) == len(ten.captured_queries)


def test_anonymous_inbox_redirects_to_login(client):
    response = client.get("/inbox/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_visitor_sees_the_inquiry_form(client, supplier):
    page = client.get(new_url(supplier)).content.decode()
    assert 'name="body"' in page and "Continue" in page


def test_inquiry_to_unknown_supplier_is_404(client_for, buyer):
    assert client_for(buyer).get("/inbox/new/?supplier=nobody").status_code == 404
