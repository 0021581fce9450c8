"""Capturing a lead at the booth: the service's once-only save, the default event, and /sell/leads/new/ with
who may use it (through HTTP)."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.audit.models import StateChange
from marketplace.workflow import TransitionError
from orders.trade.leads.capture import CONSENT_WORDING, capture_lead, default_event
from orders.trade.models import Lead
from tests.factories import CategoryFactory, MembershipFactory, SupplierFactory

from .expo import EventFactory, ExhibitorFactory

NEW = reverse("trade:lead-new")


def form_data(supplier, **changes):
    data = {
        "supplier": supplier.slug,
        "client_key": str(uuid.uuid4()),
        "name": "Ingrid Larsson",
        "company": "Nordic Home AB",
        "country": "SE",
        "email": "ingrid@nordic.example",
        "phone": "+46 70 123 4567",
        "products_wanted": "Crochet baby blankets",
        "quantity": "300",
        "target_price": "9.50",
        "target_currency": "EUR",
        "timing": "Before September",
        "notes": "Wants organic wool.",
        "consent_given": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- The service -------------------------------------------------------------------------------------------


def test_the_same_client_key_twice_makes_one_lead(supplier, artisan, at_booth, expo):
    key = uuid.uuid4()
    first, created = capture_lead(supplier=supplier, actor=artisan, client_key=key, event=expo, name="Ingrid")
    again, created_again = capture_lead(
        supplier=supplier, actor=artisan, client_key=key, event=expo, name="Ingrid, edited"
    )

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Lead.objects.get().name == "Ingrid"  # a retry never edits what the first submit saved


def test_a_new_lead_is_recorded_in_its_history_as_new(supplier, artisan, at_booth, expo):
    lead, _created = capture_lead(supplier=supplier, actor=artisan, client_key=uuid.uuid4(), name="Ingrid")

    change = StateChange.objects.get(object_id=lead.pk, field="stage")
    assert (change.from_state, change.to_state, change.actor) == ("", "new", artisan)
    assert lead.stage == Lead.Stage.NEW and lead.source == Lead.Source.BOOTH and lead.captured_by == artisan


def test_consent_is_stored_with_its_wording_and_time(supplier, artisan):
    lead, _ = capture_lead(
        supplier=supplier, actor=artisan, client_key=uuid.uuid4(), name="Ingrid", consent_given=True
    )

    assert lead.consent_given and lead.consent_at is not None
    assert lead.consent_text == str(CONSENT_WORDING)


def test_no_consent_stores_no_wording(supplier, artisan):
    lead, _ = capture_lead(supplier=supplier, actor=artisan, client_key=uuid.uuid4(), name="Ingrid")

    assert (lead.consent_given, lead.consent_text, lead.consent_at) == (False, "", None)


def test_another_suppliers_member_cannot_capture_for_this_supplier(supplier, other_artisan):
    with pytest.raises(TransitionError) as refused:
        capture_lead(supplier=supplier, actor=other_artisan, client_key=uuid.uuid4(), name="Ingrid")

    assert refused.value.code == "not_member"
    assert not Lead.objects.exists()


def test_a_lead_cannot_name_an_event_its_supplier_does_not_exhibit_at(supplier, artisan):
    elsewhere = EventFactory()

    with pytest.raises(TransitionError) as refused:
        capture_lead(supplier=supplier, actor=artisan, client_key=uuid.uuid4(), event=elsewhere, name="I")

    assert refused.value.code == "not_exhibitor"


def test_the_default_event_is_the_one_under_way_then_the_latest_begun_then_the_next(supplier):
    def exhibit(starts_on, ends_on):
        return ExhibitorFactory(
            supplier=supplier, event=EventFactory(starts_on=starts_on, ends_on=ends_on)
        ).event

    earlier = exhibit(date(2025, 3, 1), date(2025, 3, 3))
    expo_2026 = exhibit(date(2026, 3, 10), date(2026, 3, 12))
    EventFactory(starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 2))  # it does not exhibit there

    assert default_event(supplier, today=date(2026, 3, 11)) == expo_2026  # under way
    assert default_event(supplier, today=date(2026, 12, 1)) == expo_2026  # the latest one begun
    assert default_event(supplier, today=date(2025, 1, 1)) == earlier  # none begun: the next one
    assert default_event(SupplierFactory()) is None


# --- The page ----------------------------------------------------------------------------------------------


def test_the_form_preselects_the_suppliers_event_and_offers_its_categories(
    client_for, artisan, supplier, at_booth, expo
):
    supplier.categories.add(CategoryFactory(name="Crochet and knitwear"))

    response = client_for(artisan).get(NEW)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{expo.pk}" selected>' in html
    assert "Crochet and knitwear" in html
    assert str(CONSENT_WORDING) in html
    assert 'name="client_key"' in html


def test_a_member_captures_a_lead_and_sees_the_confirmation(client_for, artisan, supplier, at_booth, expo):
    category = CategoryFactory(name="Crochet and knitwear")
    supplier.categories.add(category)
    client = client_for(artisan)

    response = client.post(NEW, form_data(supplier, event=str(expo.pk), categories=[str(category.pk)]))

    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("trade:lead-captured", args=[lead.pk])
    assert (lead.supplier, lead.event, lead.captured_by) == (supplier, expo, artisan)
    assert (lead.country, lead.quantity, lead.target_price, lead.target_currency) == (
        "SE",
        300,
        Decimal("9.5"),
        "EUR",
    )
    assert list(lead.categories.all()) == [category]
    assert lead.consent_given and lead.consent_text == str(CONSENT_WORDING)
    page = client.get(response["Location"])
    assert "Ingrid Larsson" in page.content.decode()
    assert "Capture another" in page.content.decode()
    assert page["X-Lead-Captured"] == str(lead.client_key)


def test_a_double_submit_makes_one_lead_and_both_answers_confirm_it(client_for, artisan, supplier, at_booth):
    client = client_for(artisan)
    data = form_data(supplier)

    first = client.post(NEW, data)
    second = client.post(NEW, data)

    assert Lead.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_consent_wording_is_stored_in_the_language_the_form_was_shown_in(
    client_for, artisan, supplier, at_booth
):
    client = client_for(artisan)
    with translation.override("ur"):
        urdu = str(CONSENT_WORDING)

    client.post(NEW, form_data(supplier), HTTP_ACCEPT_LANGUAGE="ur")

    assert Lead.objects.get().consent_text in {urdu, str(CONSENT_WORDING)}


def test_bad_input_is_a_form_error_and_keeps_what_was_typed(client_for, artisan, supplier, at_booth):
    response = client_for(artisan).post(
        NEW, form_data(supplier, email="not-an-email", quantity="many", company="Nordic Home AB")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert not Lead.objects.exists()
    assert 'value="Nordic Home AB"' in html and 'value="Ingrid Larsson"' in html
    assert html.count('class="errorlist"') >= 2


def test_a_lead_needs_an_email_or_a_phone(client_for, artisan, supplier, at_booth):
    response = client_for(artisan).post(NEW, form_data(supplier, email="", phone=""))

    assert response.status_code == 400
    assert "email or phone" in response.content.decode()
    assert not Lead.objects.exists()


def test_staff_and_the_suppliers_coordinator_capture_too(client_for, supplier, at_booth):
    for role in ("staff", "coordinator"):
        member = MembershipFactory(supplier=supplier, role=role).user
        response = client_for(member).post(NEW, form_data(supplier, name=f"Buyer met by {role}"))
        assert response.status_code == 302, role
    assert Lead.objects.filter(supplier=supplier).count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client, supplier):
    response = client.post(NEW, form_data(supplier))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(NEW).status_code == 302
    assert not Lead.objects.exists()


def test_a_buyer_is_refused(client_for, buyer, supplier):
    client = client_for(buyer)

    assert client.get(NEW).status_code == 404
    assert client.post(NEW, form_data(supplier)).status_code == 404
    assert not Lead.objects.exists()


def test_a_member_of_another_supplier_cannot_capture_for_this_one(client_for, other_artisan, supplier):
    client = client_for(other_artisan)

    assert client.get(NEW, {"supplier": supplier.slug}).status_code == 404
    assert client.post(NEW, form_data(supplier)).status_code == 404
    assert not Lead.objects.filter(supplier=supplier).exists()


def test_a_curator_chooses_the_supplier_then_captures(client_for, curator, supplier, at_booth, expo):
    client = client_for(curator)

    chooser = client.get(NEW)
    assert chooser.status_code == 200 and supplier.name in chooser.content.decode()
    assert 'id="lead-capture"' not in chooser.content.decode()
    form = client.get(NEW, {"supplier": supplier.slug})
    assert 'id="lead-capture"' in form.content.decode()
    response = client.post(NEW, form_data(supplier, event=str(expo.pk)))

    assert response.status_code == 302
    assert Lead.objects.get().captured_by == curator


def test_a_slug_that_is_no_slug_never_reaches_the_database(client_for, artisan):
    assert client_for(artisan).get(NEW, {"supplier": "a\x00b"}).status_code == 404


def test_the_confirmation_is_seen_by_no_other_supplier_nor_a_buyer(
    client_for, client, artisan, other_artisan, buyer, supplier, at_booth
):
    client_for(artisan).post(NEW, form_data(supplier))
    url = reverse("trade:lead-captured", args=[Lead.objects.get().pk])

    assert client_for(other_artisan).get(url).status_code == 404
    assert client_for(buyer).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_curator_sees_the_confirmation_of_any_suppliers_lead(client_for, artisan, curator, supplier):
    client_for(artisan).post(NEW, form_data(supplier))
    url = reverse("trade:lead-captured", args=[Lead.objects.get().pk])

    assert client_for(curator).get(url).status_code == 200


def test_the_page_loads_the_offline_script_and_no_inline_script(client_for, artisan, supplier):
    html = client_for(artisan).get(NEW).content.decode()

    assert "trade/lead_capture.js" in html
    assert "<script>" not in html
    assert 'data-saved-offline="Saved on this phone, will send when online."' in html


def test_the_seller_dashboard_links_to_the_capture_page(client_for, artisan):
    html = client_for(artisan).get(reverse("sell:dashboard")).content.decode()

    assert f'href="{NEW}"' in html
