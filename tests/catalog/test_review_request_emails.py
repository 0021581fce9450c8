"""Issue 22: the supplier hears of a curator's decision on a hidden listing, by email, in each member's
language; unhiding from the admin's product list answers an open review request as the queue would."""

import pytest
from django.core import mail

from catalog import services
from catalog.models import Product, ReviewRequest
from catalog.review_requests import services as reviews
from marketplace.workflow import history
from tests.factories import MembershipFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

State = ReviewRequest.State
UNHIDE_URL = "/admin/catalog/moderation/{}/unhide/"


@pytest.fixture
def hidden(supplier, curator):
    product = ProductFactory(supplier=supplier, title="Ajrak shawl")
    return services.hide_product(product.pk, curator, "The photos are from another seller.")


@pytest.fixture
def asked(artisan, hidden):
    return reviews.ask_for_review(artisan, hidden.pk, "I took new photos of my own shawls.")


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """sent(action): run `action`, deliver what it queued, return the messages it sent."""

    def run(action):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return mail.outbox[before:]

    return run


def test_keeping_a_listing_hidden_emails_every_member_the_curators_reply(sent, supplier, curator, asked):
    staff = MembershipFactory(supplier=supplier, role="staff").user
    owner = supplier.memberships.get(role="owner").user
    messages = sent(lambda: reviews.keep_hidden(curator, asked.pk, "The logo is still a brand's."))
    assert sorted(m.to[0] for m in messages) == sorted([owner.email, staff.email])
    message = messages[0]
    assert message.subject == "Your listing “Ajrak shawl” stays hidden"
    assert "kept it hidden" in message.body and "The logo is still a brand's." in message.body
    assert f"/sell/products/{asked.product_id}/" in message.body


def test_unhiding_after_review_emails_the_decision_and_the_optional_note(sent, artisan, curator, asked):
    messages = sent(lambda: reviews.unhide_after_review(curator, asked.pk, "Lovely new photos."))
    assert [m.to for m in messages] == [[artisan.email]]
    assert messages[0].subject == "Your listing “Ajrak shawl” is visible to buyers again"
    assert "as you asked" in messages[0].body and "Lovely new photos." in messages[0].body
    asked.refresh_from_db()
    assert asked.reply == "Lovely new photos."


def test_a_decision_is_emailed_once(sent, curator, asked):
    assert len(sent(lambda: reviews.keep_hidden(curator, asked.pk, "Not yet."))) == 1
    with pytest.raises(reviews.TransitionError):
        reviews.keep_hidden(curator, asked.pk, "Not yet.")
    assert sent(lambda: None) == []


def test_members_of_other_suppliers_and_inactive_members_are_not_emailed(sent, supplier, curator, asked):
    other = MembershipFactory().user
    gone = MembershipFactory(supplier=supplier, role="staff", user=UserFactory(is_active=False)).user
    messages = sent(lambda: reviews.keep_hidden(curator, asked.pk, "Not yet."))
    recipients = {m.to[0] for m in messages}
    assert other.email not in recipients and gone.email not in recipients and len(recipients) == 1


def test_each_member_reads_the_email_in_their_own_language(sent, supplier, curator, asked):
    # Passes once the lead has merged locale/ur/fragments/i22.po and run `make messages`.
    urdu = MembershipFactory(supplier=supplier, role="staff", user=UserFactory(language="ur")).user
    messages = {m.to[0]: m for m in sent(lambda: reviews.keep_hidden(curator, asked.pk, "Not yet."))}
    owner = supplier.memberships.get(role="owner").user
    assert messages[owner.email].subject.startswith("Your listing")
    assert "“Ajrak shawl”" in messages[urdu.email].subject
    assert "Your listing" not in messages[urdu.email].subject
    assert "لسٹنگ" in messages[urdu.email].subject


# --- Unhiding from the admin's product list (the "Unhide" button of catalog/wagtail_hooks.py) --------------
def test_unhiding_from_the_product_list_answers_the_open_request_and_emails_the_supplier(
    client_for, sent, artisan, curator, asked
):
    client = client_for(curator)
    responses = []
    messages = sent(lambda: responses.append(client.post(UNHIDE_URL.format(asked.product_id), {"note": ""})))
    assert responses[0].status_code == 302
    asked.refresh_from_db()
    assert asked.state == State.UNHIDDEN and asked.decided_by == curator and asked.decided_at
    changes = list(history(asked))
    assert [c.to_state for c in changes] == ["open", "unhidden"] and changes[-1].actor == curator
    assert not Product.objects.get(pk=asked.product_id).hidden_by_curator
    assert [m.to for m in messages] == [[artisan.email]]
    assert "is visible to buyers again" in messages[0].subject and "as you asked" in messages[0].body
    # The queue no longer waits for it.
    assert reviews.queue_counts()[State.OPEN] == 0


def test_the_product_lists_unhide_sends_the_curators_note(client_for, sent, artisan, curator, hidden):
    client = client_for(curator)
    messages = sent(lambda: client.post(UNHIDE_URL.format(hidden.pk), {"note": "Thank you for the fix."}))
    assert len(messages) == 1 and "Thank you for the fix." in messages[0].body
    assert "as you asked" not in messages[0].body  # no request was open
    assert not ReviewRequest.objects.exists()


def test_unhiding_a_visible_listing_changes_nothing_and_emails_no_one(sent, curator, supplier):
    product = ProductFactory(supplier=supplier)
    assert sent(lambda: reviews.unhide_listing(curator, product.pk)) == []
    assert not history(product).exists()


def test_an_answered_request_stays_as_it_was_when_the_listing_is_unhidden_later(sent, curator, asked):
    reviews.keep_hidden(curator, asked.pk, "Not yet.")
    reviews.unhide_listing(curator, asked.product_id)
    asked.refresh_from_db()
    assert asked.state == State.KEPT_HIDDEN and asked.reply == "Not yet."


def test_only_curators_unhide_a_listing(artisan, other_artisan, hidden):
    for user in (artisan, other_artisan):
        with pytest.raises(reviews.PermissionDenied):
            reviews.unhide_listing(user, hidden.pk)
    assert Product.objects.get(pk=hidden.pk).hidden_by_curator
