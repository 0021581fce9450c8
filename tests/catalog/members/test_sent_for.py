"""What a coordinator sends for an artisan says so: "sent by <coordinator> for <supplier>", on the buyer's and
the supplier's pages and in the API; and buyers see who manages a supplier on its storefront."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from catalog.models import SupplierMembership
from orders.trade.services import inquiries, rfqs
from tests.factories import MembershipFactory
from tests.trade.factories import QuoteFactory, RFQFactory, ThreadFactory

pytestmark = pytest.mark.django_db
Role = SupplierMembership.Role


@pytest.fixture
def thread(managed_supplier, buyer):
    return ThreadFactory(supplier=managed_supplier, buyer=buyer)


def test_a_coordinators_reply_is_marked_and_shown_to_the_buyer_and_the_supplier(
    client_for, thread, coordinator, buyer, managed_supplier
):
    message = inquiries.reply(thread, author=coordinator, body="Yes, in indigo too.")

    assert message.by_coordinator and message.from_supplier
    sent_for = f"sent by {coordinator} for {managed_supplier.name}"
    assert sent_for in client_for(buyer).get(reverse("trade:thread", args=[thread.pk])).content.decode()
    assert sent_for in client_for(coordinator).get(reverse("trade:thread", args=[thread.pk])).content.decode()


def test_an_owners_or_buyers_message_is_not_marked(thread, buyer, managed_supplier):
    owner = MembershipFactory(supplier=managed_supplier, role=Role.OWNER).user

    assert not inquiries.reply(thread, author=owner, body="Yes.").by_coordinator
    assert not inquiries.reply(thread, author=buyer, body="Thanks").by_coordinator


def test_the_api_names_the_coordinator(client_for, thread, coordinator, buyer):
    inquiries.reply(thread, author=coordinator, body="Yes, in indigo too.")

    response = client_for(buyer).get(reverse("api:trade-inquiry-messages", args=[thread.pk]))

    rows = response.json()["results"] if "results" in response.json() else response.json()
    assert [row["sent_by"] for row in rows if row["from_supplier"]] == [str(coordinator)]


def test_quote_messages_and_quotes_by_a_coordinator_are_marked(
    client_for, managed_supplier, coordinator, buyer
):
    quote = QuoteFactory(supplier=managed_supplier, submitted_by=coordinator, rfq=RFQFactory(buyer=buyer))

    answer = rfqs.ask_on_quote(quote, author=coordinator, body="Dyed with indigo from Lahore.")
    question = rfqs.ask_on_quote(quote, author=buyer, body="Which dye?")

    assert answer.by_coordinator and not question.by_coordinator
    quote.by_coordinator = True
    quote.save()
    page = client_for(buyer).get(reverse("trade:rfq", args=[quote.rfq.pk])).content.decode()
    assert page.count(f"sent by {coordinator} for {managed_supplier.name}") == 2  # the quote and the answer


def test_submitting_a_quote_as_coordinator_marks_it(managed_supplier, coordinator, buyer):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from tests.factories import CategoryFactory

    category = CategoryFactory()
    managed_supplier.categories.add(category)
    managed_supplier.is_active = True  # approved by a curator: RFQs reach active suppliers only
    managed_supplier.save()
    rfq = RFQFactory(buyer=buyer, category=category)
    terms = {
        "unit_price": Decimal("10.00"), "currency": "USD", "tiers": [], "incoterm": "FOB",
        "incoterm_place": "Karachi", "lead_time_days": 45,
        "valid_until": timezone.localdate() + timedelta(days=30), "sample_offer": "", "notes": "",
    }  # fmt: skip

    quote = rfqs.submit_quote(rfq, supplier=managed_supplier, actor=coordinator, **terms)

    assert quote.by_coordinator


def render_storefront_actions(supplier):
    return Template('{% load slots %}{% slot "storefront.actions" supplier=supplier %}').render(
        Context({"supplier": supplier})
    )


def test_the_storefront_says_who_manages_the_supplier_until_it_is_handed_over(managed_supplier, coordinator):
    assert f"Managed by {coordinator}, Chitral Women&#x27;s Crafts Association" in render_storefront_actions(
        managed_supplier
    )

    managed_supplier.assisted_onboarding.handed_over_at = managed_supplier.assisted_onboarding.created_at
    managed_supplier.assisted_onboarding.save()
    assert "Managed by" not in render_storefront_actions(managed_supplier)


def test_a_supplier_nobody_manages_shows_no_such_line(supplier):
    assert "Managed by" not in render_storefront_actions(supplier)


def test_the_storefront_page_names_the_coordinator_and_organisation(client, managed_supplier, coordinator):
    from cms import services

    managed_supplier.is_active = True  # approved
    managed_supplier.save()
    services.ensure_home()
    page = services.ensure_storefront(managed_supplier)

    html = client.get(page.url).content.decode()

    assert f"Managed by {coordinator}, Chitral Women&#x27;s Crafts Association" in html
