"""The objects and the people the object-URL recipes name, each built the first time a recipe asks for it.

One `Scene` per test: a recipe touches `scene.paid_order` and gets a paid order of `scene.buyer` from
`scene.supplier` (whose owner is `scene.artisan`), and nothing it does not name. The people come in pairs:
the owner of an object (`buyer`, `artisan`) and a second account of the same kind (`other_buyer`, a buyer
with nothing of their own here; `other_artisan`, the owner of a rival supplier in the same category and
cluster, so that only ownership, not the catalog, keeps them apart; `outside_artisan` where the catalog is
what decides); and the two back-office roles
(`curator` with the demo Curators group's rights, `operator`), plus a `superuser`.
"""

import re
from decimal import Decimal
from functools import cached_property

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Certification
from catalog.photos import clean_photo
from cms.permissions import grant_curator_permissions, grant_operator_permissions
from marketplace.accounts import addresses, verification
from marketplace.accounts.models import CURATORS_GROUP, OPERATORS_GROUP
from marketplace.jobs.models import OutgoingEmail
from orders.checkout.ordering import LineSpec, create_order
from orders.disputes import open_dispute
from orders.ledger.payouts import create_payout_batch
from orders.lifecycle import accept_fulfilment, confirm_delivery, ship_fulfilment
from orders.models import CategoryCommission, PayoutAccount
from orders.trade.attachments import check_attachment, save_attachments
from orders.trade.services.rfqs import accept_quote
from tests.factories import (
    BuyerFactory,
    CategoryFactory,
    CertificationFactory,
    ClusterFactory,
    MaterialFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    SupplierFactory,
    UserFactory,
    image_upload,
)
from tests.orders.financing_helpers import make_lender, make_officer, requested
from tests.orders.helpers import paid
from tests.trade.factories import (
    CapacityOfferFactory,
    MessageFactory,
    QuoteFactory,
    RFQFactory,
    SubcontractRequestFactory,
    ThreadFactory,
)


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%a small pdf\n", content_type="application/pdf")


class Scene:
    # --- an emailed link ---------------------------------------------------------------------------------
    @cached_property
    def email_change_token(self):
        """The token of the emailed link that would move `buyer` to a new address (a URL's part, no row)."""
        verification.request_email_change(self.buyer, "moved@example.com")
        email = OutgoingEmail.objects.get(to="moved@example.com")
        (token,) = re.findall(r"/accounts/email/confirm/([^/\s]+)/", email.body)
        return token

    # --- people ------------------------------------------------------------------------------------------
    @cached_property
    def buyer(self):
        return BuyerFactory()

    @cached_property
    def other_buyer(self):
        return BuyerFactory()

    @cached_property
    def artisan(self):
        """The owner of `supplier`."""
        return MembershipFactory(supplier=self.supplier, role="owner").user

    @cached_property
    def staff_member(self):
        """A member of `supplier` who is not its owner."""
        return MembershipFactory(supplier=self.supplier, role="staff").user

    @cached_property
    def other_artisan(self):
        """The owner of `other_supplier`, a rival making the same things in the same cluster."""
        return MembershipFactory(supplier=self.other_supplier, role="owner").user

    @cached_property
    def outside_artisan(self):
        """The owner of a supplier of another category and cluster: no RFQ or request here reaches it."""
        return MembershipFactory(role="owner").user

    @cached_property
    def curator(self):
        user = UserFactory(is_staff=True)
        group, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
        grant_curator_permissions(group)
        user.groups.add(group)
        return user

    @cached_property
    def operator(self):
        user = UserFactory(is_staff=True)
        group, _ = Group.objects.get_or_create(name=OPERATORS_GROUP)
        grant_operator_permissions(group)
        user.groups.add(group)
        return user

    @cached_property
    def superuser(self):
        return UserFactory(is_staff=True, is_superuser=True)

    # --- catalog -----------------------------------------------------------------------------------------
    @cached_property
    def category(self):
        return CategoryFactory()

    @cached_property
    def cluster(self):
        return ClusterFactory()

    def _maker(self):
        """A supplier that makes `category` in `cluster`: it sees the scene's RFQs and subcontracting."""
        supplier = SupplierFactory()
        supplier.categories.add(self.category)
        supplier.clusters.add(self.cluster)
        return supplier

    @cached_property
    def supplier(self):
        return self._maker()

    @cached_property
    def other_supplier(self):
        return self._maker()

    @cached_property
    def product(self):
        return ProductFactory(supplier=self.supplier, category=self.category)

    @cached_property
    def hidden_product(self):
        return ProductFactory(
            supplier=self.supplier, category=self.category, hidden_by_curator=True, hidden_reason="Copied"
        )

    @cached_property
    def product_image(self):
        return ProductImageFactory(product=self.product)

    @cached_property
    def certification(self):
        certification = CertificationFactory.build(
            supplier=self.supplier, type=CertificationFactory().type, document=pdf("gots.pdf")
        )
        certification.full_clean()
        certification.save()
        return Certification.objects.get(pk=certification.pk)

    @cached_property
    def certification_type(self):
        return self.certification.type

    @cached_property
    def verification_level(self):
        return self.supplier.verification_level

    @cached_property
    def material(self):
        return MaterialFactory(name="Camel bone")

    @cached_property
    def saved_address(self):
        """A shipping address `buyer` keeps (their default)."""
        return addresses.save_address(self.buyer, name="Lena Vogel GmbH", address="Hafenstr. 4", country="DE")

    # --- orders ------------------------------------------------------------------------------------------
    def _order(self):
        """10 units at 12.50 USD from `supplier`, awaiting payment."""
        line = LineSpec(self.supplier, self.product.title, 10, "pcs", Decimal("12.50"), product=self.product)
        return create_order(buyer=self.buyer, currency="USD", lines=[line], source="direct")

    @cached_property
    def order(self):
        return self._order()

    @cached_property
    def paid_order(self):
        order = self._order()
        paid(order, intent_id=f"pi_object_urls_{order.pk}")
        return order

    # --- issue 20: a partner lender, its officer and another lender's, an advance asked on `paid_order` ---
    @cached_property
    def lender(self):
        return make_lender("Akhuwat Scene", slug=f"akhuwat-{self.paid_order.pk}")

    @cached_property
    def lender_officer(self):
        return make_officer(self.lender)

    @cached_property
    def other_officer(self):
        """An officer of another lender: a second account of the same kind as `lender_officer`."""
        return make_officer(make_lender("Other Bank Scene", slug=f"other-bank-{self.paid_order.pk}"))

    @cached_property
    def advance(self):
        """`artisan`'s request to `lender` on `paid_order`."""
        return requested(self.paid_order, self.artisan, self.lender)

    @cached_property
    def fulfilment(self):
        """`supplier`'s part of `paid_order`."""
        return self.paid_order.fulfilments.get()

    @cached_property
    def shipped_order(self):
        order = self.paid_order
        accept_fulfilment(self.fulfilment, self.artisan)
        ship_fulfilment(self.fulfilment, self.artisan, carrier="TCS", tracking_number="TCS-1")
        return order

    @cached_property
    def dispute_photo(self):
        photo = clean_photo(image_upload("broken.jpg"))
        dispute = open_dispute(self.paid_order, self.buyer, reason="Arrived broken", photos=[photo])
        return dispute.photos.get()

    @cached_property
    def payout_batch(self):
        """A batch paying `supplier` the 118.75 USD its released order left available."""
        confirm_delivery(self.shipped_order, self.buyer)
        PayoutAccount.objects.create(
            supplier=self.supplier, rail="bank", account_name="Workshop", iban="PK36SCBL0000001123456702"
        )
        return create_payout_batch(currency="USD", actor=self.operator)

    @cached_property
    def payout_item(self):
        return self.payout_batch.items.get()

    @cached_property
    def commission(self):
        return CategoryCommission.objects.create(category=self.category, percent=Decimal("7.50"))

    @cached_property
    def failed_email(self):
        return OutgoingEmail.objects.create(
            idempotency_key="quote-decided:1",
            to=self.buyer.email,
            from_email="no-reply@marketplace.local",
            subject="Your quote was accepted",
            body="An order was created.",
            status=OutgoingEmail.Status.FAILED,
            attempts=5,
            last_error="ConnectionError: relay busy",
        )

    # --- trade -------------------------------------------------------------------------------------------
    @cached_property
    def thread(self):
        return ThreadFactory(buyer=self.buyer, supplier=self.supplier)

    @cached_property
    def message(self):
        return MessageFactory(thread=self.thread, author=self.buyer)

    @cached_property
    def attachment(self):
        return save_attachments([check_attachment(pdf("drawing.pdf"))], message=self.message)[0]

    @cached_property
    def rfq(self):
        return RFQFactory(buyer=self.buyer, category=self.category)

    @cached_property
    def quote(self):
        return QuoteFactory(rfq=self.rfq, supplier=self.supplier, submitted_by=self.artisan)

    @cached_property
    def accepted_quote(self):
        """`quote`, accepted by `buyer`: the RFQ awarded, an order awaiting payment."""
        quote = self.quote
        accept_quote(
            quote,
            actor=self.buyer,
            seen_revision=quote.revision,
            seen_total=quote.total_for(self.rfq.quantity),
        )
        quote.refresh_from_db()
        return quote

    @cached_property
    def subcontract(self):
        return SubcontractRequestFactory(cluster=self.cluster, requester=self.buyer)

    @cached_property
    def offer(self):
        return CapacityOfferFactory(
            request=self.subcontract, supplier=self.supplier, offered_by=self.artisan, quantity=600
        )


def snapshot_of(instance):
    """The row as the database holds it now (None once deleted)."""
    return type(instance)._default_manager.filter(pk=instance.pk).values().first()


# --- join (issue 19, part A): `supplier`'s application, waiting for a curator, with one document -----------
def _join_application(scene):
    from catalog.models import SupplierApplication

    return SupplierApplication.objects.create(
        supplier=scene.supplier,
        applicant=scene.artisan,
        state=SupplierApplication.State.SUBMITTED,
        phone="+92 300 1234567",
        what_they_make="Blue pottery.",
    )


def _join_document(scene):
    from catalog.documents import check_document
    from catalog.models import ApplicationDocument

    checked = check_document(pdf("registration.pdf"), max_bytes=1024 * 1024)
    return ApplicationDocument.objects.create(
        application=scene.join_application, file=checked, name=checked.original_name
    )


for _name, _build in (("join_application", _join_application), ("join_document", _join_document)):
    _property = cached_property(_build)
    _property.__set_name__(Scene, _name)
    setattr(Scene, _name, _property)
