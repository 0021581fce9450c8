"""Asking for review of a hidden listing (the artisan on /sell/) and the curators' answers (Wagtail admin)."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog import services
from catalog.models import Product, ReviewRequest
from catalog.review_requests import services as reviews
from marketplace.workflow import TransitionError, history
from tests.factories import MembershipFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

State = ReviewRequest.State


@pytest.fixture
def hidden(supplier, curator):
    product = ProductFactory(supplier=supplier, title="Ajrak shawl")
    return services.hide_product(product.pk, curator, "The photos are from another seller.")


def review_url(product):
    return f"/sell/products/{product.pk}/review/"


# --- The artisan's side ------------------------------------------------------------------------------------
def test_the_hidden_notice_shows_the_reason_without_a_double_full_stop(client_for, artisan, hidden):
    html = client_for(artisan).get(f"/sell/products/{hidden.pk}/").content.decode()
    assert "The photos are from another seller." in html
    assert ".." not in re.sub(r"<[^>]+>", "", html).replace("...", "")
    assert review_url(hidden) in html


def test_a_member_asks_for_review_and_sees_it_is_waiting(client_for, artisan, hidden):
    client = client_for(artisan)
    response = client.post(review_url(hidden), {"note": "I took new photos of my own shawls."})
    assert response.status_code == 302 and response["Location"] == f"/sell/products/{hidden.pk}/"
    request = ReviewRequest.objects.get(product=hidden)
    assert request.state == State.OPEN and request.requested_by == artisan
    assert request.note == "I took new photos of my own shawls."
    assert request.hidden_reason == "The photos are from another seller."
    assert [c.to_state for c in history(request)] == ["open"]
    html = client.get(f"/sell/products/{hidden.pk}/").content.decode()
    assert "You asked for a review on" in html and review_url(hidden) not in html


def test_staff_and_coordinators_of_the_supplier_may_ask(client, supplier, hidden):
    for role in ("staff", "coordinator"):
        ReviewRequest.objects.all().delete()
        member = MembershipFactory(supplier=supplier, role=role).user
        client.force_login(member)
        assert client.post(review_url(hidden), {"note": "Fixed."}).status_code == 302
        assert ReviewRequest.objects.filter(product=hidden, requested_by=member).exists()


def test_an_empty_note_is_refused_and_a_too_long_one_keeps_what_was_typed(client_for, artisan, hidden):
    client = client_for(artisan)
    response = client.post(review_url(hidden), {"note": "   "})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    long_note = "New photos. " * 100
    response = client.post(review_url(hidden), {"note": long_note})
    assert response.status_code == 400 and "New photos. New photos." in response.content.decode()
    assert not ReviewRequest.objects.exists()


def test_only_one_open_request_per_listing(client_for, artisan, hidden):
    client = client_for(artisan)
    client.post(review_url(hidden), {"note": "Fixed."})
    response = client.post(review_url(hidden), {"note": "Fixed again."})
    assert response.status_code == 400
    assert ReviewRequest.objects.filter(product=hidden).count() == 1


def test_a_visible_listing_cannot_be_sent_for_review(artisan, supplier):
    product = ProductFactory(supplier=supplier)
    with pytest.raises(ValidationError):
        reviews.ask_for_review(artisan, product.pk, "Please look.")


def test_anonymous_is_sent_to_log_in(client, hidden):
    response = client.post(review_url(hidden), {"note": "Fixed."})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ReviewRequest.objects.exists()


def test_a_member_of_another_supplier_gets_not_found(client_for, other_artisan, hidden):
    client = client_for(other_artisan)
    assert client.get(review_url(hidden)).status_code == 404
    assert client.post(review_url(hidden), {"note": "Fixed."}).status_code == 404
    assert not ReviewRequest.objects.exists()


def test_a_curator_who_is_not_a_member_cannot_ask(client_for, curator, hidden):
    assert client_for(curator).post(review_url(hidden), {"note": "Fixed."}).status_code == 404
    with pytest.raises(PermissionDenied):
        reviews.ask_for_review(curator, hidden.pk, "Fixed.")


# --- The curators' side ------------------------------------------------------------------------------------
@pytest.fixture
def asked(artisan, hidden):
    return reviews.ask_for_review(artisan, hidden.pk, "I took new photos of my own shawls.")


def test_the_dashboard_counts_open_requests_and_the_queue_lists_them(client_for, curator, asked):
    client = client_for(curator)
    assert "1 hidden listing waiting for review" in client.get("/admin/").content.decode()
    html = client.get("/admin/catalog/review-requests/").content.decode()
    assert "Ajrak shawl" in html and f"/admin/catalog/review-requests/{asked.pk}/" in html
    page = client.get(f"/admin/catalog/review-requests/{asked.pk}/").content.decode()
    assert "I took new photos of my own shawls." in page and "The photos are from another seller." in page


def test_a_curator_unhides_the_listing(client_for, curator, artisan, asked):
    client = client_for(curator)
    response = client.post(f"/admin/catalog/review-requests/{asked.pk}/unhide/")
    assert response.status_code == 302
    asked.refresh_from_db()
    product = Product.objects.get(pk=asked.product_id)
    assert asked.state == State.UNHIDDEN and asked.decided_by == curator and not product.hidden_by_curator
    assert Product.objects.visible().filter(pk=product.pk).exists()
    assert [c.to_state for c in history(asked)] == ["open", "unhidden"]
    assert [c.to_state for c in history(product).filter(field="moderation")] == ["hidden", "visible"]
    # Answered once: a second answer is refused and changes nothing.
    with pytest.raises(TransitionError):
        reviews.keep_hidden(curator, asked.pk, "No.")


def test_a_curator_keeps_it_hidden_with_a_reply_the_artisan_sees(client_for, client, curator, artisan, asked):
    client_for(curator)
    response = client.post(f"/admin/catalog/review-requests/{asked.pk}/keep-hidden/", {"reply": ""})
    assert response.status_code == 400
    asked.refresh_from_db()
    assert asked.state == State.OPEN
    response = client.post(
        f"/admin/catalog/review-requests/{asked.pk}/keep-hidden/", {"reply": "The logo is still a brand's."}
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.state == State.KEPT_HIDDEN and Product.objects.get(pk=asked.product_id).hidden_by_curator
    client.force_login(artisan)
    html = client.get(f"/sell/products/{asked.product_id}/").content.decode()
    assert "kept the listing hidden" in html and "The logo is still a brand&#x27;s." in html
    # The artisan may ask again after fixing it.
    assert client.post(review_url(asked.product), {"note": "Logo removed."}).status_code == 302
    assert ReviewRequest.objects.filter(product_id=asked.product_id, state=State.OPEN).count() == 1


@pytest.mark.parametrize(
    "method,suffix", [("get", ""), ("get", "{pk}/"), ("post", "{pk}/unhide/"), ("post", "{pk}/keep-hidden/")]
)
def test_only_curators_use_the_queue(client, operator, artisan, asked, method, suffix):
    url = "/admin/catalog/review-requests/" + suffix.format(pk=asked.pk)
    for user in (operator, artisan, UserFactory(is_staff=True)):
        client.force_login(user)
        response = getattr(client, method)(url, {"reply": "No."} if method == "post" else None)
        assert response.status_code in (302, 403), (user, response.status_code)
        if response.status_code == 302:  # Wagtail turns a refusal into "sorry" on its home, or a login
            assert response["Location"] == "/admin/" or "/login/" in response["Location"]
    client.logout()
    assert getattr(client, method)(url).status_code == 302
    asked.refresh_from_db()
    assert asked.state == State.OPEN and Product.objects.get(pk=asked.product_id).hidden_by_curator


def test_the_services_refuse_non_curators(artisan, asked):
    with pytest.raises(PermissionDenied):
        reviews.unhide_after_review(artisan, asked.pk)
    with pytest.raises(PermissionDenied):
        reviews.keep_hidden(artisan, asked.pk, "No.")


def test_the_dashboard_panel_is_for_curators_only(client_for, operator, asked):
    assert "waiting for review" not in client_for(operator).get("/admin/").content.decode()


def test_the_artisan_reads_the_notice_and_the_form_in_urdu(client_for, settings, artisan, hidden):
    # Passes once the lead has merged locale/ur/fragments/curation.po and run `make messages`.
    client = client_for(artisan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    page = client.get(f"/sell/products/{hidden.pk}/").content.decode()
    assert "کیوریٹر نے یہ لسٹنگ چھپا دی ہے۔" in page and "دوبارہ جائزے کی درخواست کریں" in page
    form = client.get(review_url(hidden)).content.decode()
    assert "آپ نے کیا تبدیل کیا ہے؟" in form
