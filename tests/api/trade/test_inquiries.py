"""Inquiries through the API: a buyer starts one; both sides list, read and answer their own threads only."""

from django.core import mail
from django.urls import reverse

from orders.trade.models import Message, Thread
from tests.factories import BuyerFactory, ProductFactory, SupplierFactory
from tests.trade.factories import MessageFactory, ThreadFactory


def start(client, to, **changes):
    payload = {"supplier": to.pk, "body": "Do you make these in indigo?", "quantity": 200,
               "destination_country": "de"} | changes  # fmt: skip
    return client.post(reverse("api:trade-inquiry-list"), payload, format="json")


def thread_of(buyer, supplier, body="Do you ship to Hamburg?"):
    thread = ThreadFactory(buyer=buyer, supplier=supplier)
    MessageFactory(thread=thread, author=buyer, body=body)
    return thread


def test_a_buyer_starts_an_inquiry_and_the_suppliers_members_are_told(
    trade_client_for, buyer, supplier, artisan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = start(trade_client_for(buyer), supplier)

    assert response.status_code == 201, response.json()
    thread = Thread.objects.get(pk=response.json()["id"])
    assert (thread.buyer, thread.supplier, thread.destination_country) == (buyer, supplier, "DE")
    assert thread.messages.get().body == "Do you make these in indigo?"
    assert response.json()["role"] == "buyer"
    assert response["Location"] == reverse("api:trade-inquiry-detail", args=[thread.pk])
    assert [artisan.email] in [message.to for message in mail.outbox]


def test_an_inquiry_about_a_product_takes_its_title_as_subject(trade_client_for, buyer, supplier):
    product = ProductFactory(supplier=supplier, title="Camel-skin lamp")

    body = start(trade_client_for(buyer), supplier, product=product.pk).json()

    assert body["subject"] == "Camel-skin lamp"
    assert body["product"]["id"] == product.pk


def test_a_product_of_another_supplier_is_refused(trade_client_for, buyer, supplier):
    elsewhere = ProductFactory(supplier=SupplierFactory())

    response = start(trade_client_for(buyer), supplier, product=elsewhere.pk)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "wrong_product"
    assert not Thread.objects.exists()


def test_an_unknown_supplier_is_a_field_error(trade_client_for, buyer, supplier):
    response = start(trade_client_for(buyer), supplier, supplier=supplier.pk + 1000)

    assert response.status_code == 400
    assert "supplier" in response.json()["error"]["fields"]


def test_an_inactive_supplier_takes_no_inquiry(trade_client_for, buyer):
    closed = SupplierFactory(is_active=False)

    response = start(trade_client_for(buyer), closed)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "inactive"


def test_a_member_cannot_send_an_inquiry_to_their_own_business(trade_client_for, artisan, supplier):
    response = start(trade_client_for(artisan), supplier)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "own_supplier"


def test_an_empty_message_is_refused_with_the_forms_message(trade_client_for, buyer, supplier):
    response = start(trade_client_for(buyer), supplier, body="   ")

    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]
    assert not Thread.objects.exists()


def test_a_country_given_by_name_is_stored_as_its_code(trade_client_for, buyer, supplier):
    response = start(trade_client_for(buyer), supplier, destination_country="Germany")

    assert response.status_code == 201
    assert response.json()["destination_country"] == "DE"


def test_an_unknown_country_is_a_field_error(trade_client_for, buyer, supplier):
    response = start(trade_client_for(buyer), supplier, destination_country="Atlantis")

    assert response.status_code == 400
    assert "destination_country" in response.json()["error"]["fields"]


def test_inquiries_past_the_hourly_limit_are_refused_with_429(settings, trade_client_for, buyer, supplier):
    settings.RATE_LIMIT_INQUIRIES_PER_HOUR = 1
    client = trade_client_for(buyer)
    assert start(client, supplier).status_code == 201

    response = start(client, supplier)

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"


def test_anonymous_cannot_start_an_inquiry(anonymous, supplier):
    assert start(anonymous, supplier).status_code == 401
    assert not Thread.objects.exists()


def test_the_buyer_lists_their_threads_only(trade_client_for, buyer, other_buyer, supplier):
    own = thread_of(buyer, supplier)
    thread_of(other_buyer, supplier)

    body = trade_client_for(buyer).get(reverse("api:trade-inquiry-list")).json()

    assert [row["id"] for row in body["results"]] == [own.pk]


def test_a_supplier_member_lists_their_suppliers_threads_with_the_unread_count(
    trade_client_for, buyer, supplier, artisan, other_artisan
):
    thread = thread_of(buyer, supplier)

    rows = trade_client_for(artisan).get(reverse("api:trade-inquiry-list")).json()["results"]

    assert [(row["id"], row["role"], row["unread"]) for row in rows] == [(thread.pk, "supplier", 1)]
    assert trade_client_for(other_artisan).get(reverse("api:trade-inquiry-list")).json()["results"] == []


def test_another_buyers_thread_is_not_found(trade_client_for, buyer, other_buyer, supplier):
    thread = thread_of(buyer, supplier)
    client = trade_client_for(other_buyer)

    assert client.get(reverse("api:trade-inquiry-detail", args=[thread.pk])).status_code == 404
    assert client.get(reverse("api:trade-inquiry-messages", args=[thread.pk])).status_code == 404


def test_another_suppliers_member_cannot_read_or_answer_the_thread(
    trade_client_for, buyer, supplier, other_artisan
):
    thread = thread_of(buyer, supplier)
    client = trade_client_for(other_artisan)
    url = reverse("api:trade-inquiry-messages", args=[thread.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Cheaper here!"}, format="json").status_code == 404
    assert thread.messages.count() == 1


def test_the_messages_come_oldest_first_and_a_hidden_one_without_its_body(
    trade_client_for, buyer, supplier, artisan
):
    thread = thread_of(buyer, supplier, body="First")
    hidden = MessageFactory(thread=thread, author=artisan, from_supplier=True, body="Abuse", hidden=True)

    rows = (
        trade_client_for(buyer).get(reverse("api:trade-inquiry-messages", args=[thread.pk])).json()["results"]
    )

    assert [row["body"] for row in rows] == ["First", None]
    assert rows[1]["id"] == hidden.pk
    assert rows[1]["hidden"] is True
    assert rows[1]["author_name"] == supplier.name


def test_a_supplier_member_answers_and_the_first_response_is_recorded(
    trade_client_for, buyer, supplier, artisan
):
    thread = thread_of(buyer, supplier)
    url = reverse("api:trade-inquiry-messages", args=[thread.pk])

    response = trade_client_for(artisan).post(url, {"body": "Yes, in indigo and white."}, format="json")

    assert response.status_code == 201
    assert response.json()["from_supplier"] is True
    thread.refresh_from_db()
    assert thread.first_response_at is not None
    assert thread.messages.filter(from_supplier=True).count() == 1


def test_the_buyer_replies_in_their_thread(trade_client_for, buyer, supplier):
    thread = thread_of(buyer, supplier)
    url = reverse("api:trade-inquiry-messages", args=[thread.pk])

    response = trade_client_for(buyer).post(url, {"body": "And the MOQ?"}, format="json")

    assert response.status_code == 201
    assert response.json()["from_supplier"] is False
    assert Message.objects.filter(thread=thread).count() == 2


def test_a_reply_to_a_closed_thread_is_a_conflict(trade_client_for, buyer, supplier):
    thread = thread_of(buyer, supplier)
    Thread.objects.filter(pk=thread.pk).update(state=Thread.State.CLOSED)
    url = reverse("api:trade-inquiry-messages", args=[thread.pk])

    response = trade_client_for(buyer).post(url, {"body": "Hello?"}, format="json")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "closed"


def test_an_empty_reply_is_a_field_error(trade_client_for, buyer, supplier):
    thread = thread_of(buyer, supplier)
    url = reverse("api:trade-inquiry-messages", args=[thread.pk])

    response = trade_client_for(buyer).post(url, {"body": ""}, format="json")

    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]


def test_marking_a_thread_read_clears_its_unread_count(trade_client_for, buyer, supplier, artisan):
    thread = thread_of(buyer, supplier)
    client = trade_client_for(artisan)

    response = client.post(reverse("api:trade-inquiry-read", args=[thread.pk]))

    assert response.status_code == 200
    assert response.json()["unread"] == 0
    assert client.get(reverse("api:trade-inquiry-detail", args=[thread.pk])).json()["unread"] == 0


def test_reading_a_thread_does_not_mark_it_read(trade_client_for, buyer, supplier, artisan):
    thread = thread_of(buyer, supplier)
    client = trade_client_for(artisan)
    client.get(reverse("api:trade-inquiry-messages", args=[thread.pk]))

    assert client.get(reverse("api:trade-inquiry-detail", args=[thread.pk])).json()["unread"] == 1


def test_anonymous_cannot_list_threads(anonymous):
    assert anonymous.get(reverse("api:trade-inquiry-list")).status_code == 401


def test_an_account_with_an_unconfirmed_email_cannot_start_an_inquiry_403(trade_client_for, supplier):
    response = start(trade_client_for(BuyerFactory(email_verified_at=None)), supplier)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_unverified"
    assert not Thread.objects.exists()
