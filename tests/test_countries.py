"""Countries are chosen by name and stored as ISO 3166-1 alpha-2 codes (issue 18: "Germany" typed into a
two-letter box became "Ge", accepted, and shown as "Ships to GE", Georgia)."""

import pytest
from django.urls import reverse

from marketplace.formfields import CountryField
from orders.trade.models import Thread
from tests.factories import ProductFactory
from tests.trade.factories import RFQFactory, ThreadFactory

pytestmark = pytest.mark.django_db

GERMANY = '<option value="DE">Germany</option>'


def test_a_typed_country_name_is_read_as_that_country_not_its_first_two_letters():
    assert CountryField().clean("Germany") == "DE"


def test_a_name_no_country_has_is_a_form_error():
    with pytest.raises(Exception, match="Choose a country from the list"):
        CountryField().clean("Atlantis")


def test_signup_asks_for_the_country_from_a_list_of_names(client):
    html = client.get(reverse("signup")).content.decode()
    assert GERMANY in html and 'maxlength="2"' not in html


def test_the_inquiry_form_asks_for_the_destination_by_name(client_for, buyer, supplier):
    html = client_for(buyer).get(f"/inbox/new/?supplier={supplier.slug}").content.decode()
    assert GERMANY in html and 'maxlength="2"' not in html


def test_an_inquiry_to_germany_is_stored_as_de_and_shown_as_germany(client_for, buyer, supplier):
    client = client_for(buyer)
    client.post(
        f"/inbox/new/?supplier={supplier.slug}", {"body": "Indigo?", "destination_country": "Germany"}
    )
    thread = Thread.objects.get()
    assert thread.destination_country == "DE"
    assert "Ships to Germany" in client.get(f"/inbox/{thread.pk}/").content.decode()


def test_the_rfq_form_asks_for_the_destination_by_name(client_for, buyer):
    html = client_for(buyer).get("/rfqs/new/").content.decode()
    assert GERMANY in html


def test_an_rfq_shows_its_destination_by_name(client_for, buyer):
    rfq = RFQFactory(buyer=buyer, destination_country="DE")
    assert "Germany" in client_for(buyer).get(f"/rfqs/{rfq.pk}/").content.decode()


def test_a_stored_code_no_country_has_is_left_and_shown_as_it_is(client_for, buyer, supplier):
    # Data from before the country list: kept, not guessed at; the page still renders.
    thread = ThreadFactory(buyer=buyer, supplier=supplier, destination_country="XK")
    Thread.objects.filter(pk=thread.pk).update(destination_country="QQ")
    assert "Ships to QQ" in client_for(buyer).get(f"/inbox/{thread.pk}/").content.decode()


def test_checkout_asks_for_the_shipping_country_by_name(client_for, buyer):
    client = client_for(buyer)
    client.post("/cart/add/", {"product": ProductFactory().slug, "quantity": 10})
    # The buyer's own country (DE) is chosen to begin with.
    assert '<option value="DE" selected>Germany</option>' in client.get("/checkout/").content.decode()
