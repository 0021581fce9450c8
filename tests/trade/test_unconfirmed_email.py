"""An account whose email address is not confirmed may browse but not write to suppliers: the inquiry and RFQ
pages say why and offer the link again, and refuse to send (the API's refusals: tests/api/trade)."""

import pytest
from django.urls import reverse

from marketplace.accounts.verification import EmailUnverified
from orders.trade.models import RFQ, Thread
from orders.trade.services import inquiries, rfqs
from tests.factories import BuyerFactory

from .test_inquiries import new_url
from .test_rfqs import rfq_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed(db):
    return BuyerFactory(email_verified_at=None)


def test_the_inquiry_page_says_why_and_offers_the_link_again(client_for, unconfirmed, supplier):
    response = client_for(unconfirmed).get(new_url(supplier))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Confirm your email address" in text
    assert f'action="{reverse("accounts:email-verify")}"' in text


def test_an_unconfirmed_account_cannot_send_an_inquiry_and_keeps_what_it_typed(
    client_for, unconfirmed, supplier
):
    response = client_for(unconfirmed).post(
        new_url(supplier), {"body": "Indigo available?", "quantity": "200"}
    )

    assert response.status_code == 400
    assert "Confirm your email address first" in response.content.decode()
    assert "Indigo available?" in response.content.decode()
    assert not Thread.objects.exists()


def test_a_confirmed_buyer_sees_no_such_notice(client_for, buyer, supplier):
    assert "Send me the link again" not in client_for(buyer).get(new_url(supplier)).content.decode()


def test_the_rfq_page_says_why_and_refuses_to_post(client_for, unconfirmed, category):
    client = client_for(unconfirmed)
    assert "Send me the link again" in client.get(reverse("trade:rfq-new")).content.decode()

    response = client.post(reverse("trade:rfq-new"), rfq_post_data(category))

    assert response.status_code == 400
    assert "Confirm your email address first" in response.content.decode()
    assert "Camel-skin lamps" in response.content.decode()
    assert not RFQ.objects.exists()


def test_the_services_refuse_an_unconfirmed_buyer_whoever_calls_them(unconfirmed, supplier, category):
    with pytest.raises(EmailUnverified):
        inquiries.start_inquiry(buyer=unconfirmed, supplier=supplier, body="Hello")
    with pytest.raises(EmailUnverified) as refused:
        rfqs.post_rfq(buyer=unconfirmed, title="Lamps", category=category, quantity=10)
    assert refused.value.code == "email_unverified"
