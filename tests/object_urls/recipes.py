"""Every object URL of ours and its recipe: what it names (built from a `Scene`), who it serves, who not.

tests/test_object_urls.py walks the URL resolver and fails for an object URL that is neither here nor in its
ALLOWED_PUBLIC; for each recipe it asks the URL as an anonymous visitor and as each stranger (refused, and a
refused POST changes nothing), then as each owner (served). Owners and strangers are `Scene` attributes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from orders.trade.models import Quote

from .scene import Scene

# Second accounts of the same kind, by what kind the owner is.
OTHER_BUYERS = ("other_buyer", "other_artisan")  # a buyer's object: another buyer, a rival supplier's owner
OTHER_SUPPLIERS = ("other_artisan", "other_buyer")  # a supplier's object: a rival supplier's owner, a buyer
# Back-office pages: the parties themselves, and the other back-office role.
NOT_CURATORS = ("buyer", "artisan", "operator")
NOT_OPERATORS = ("buyer", "artisan", "curator")


@dataclass(frozen=True)
class Recipe:
    """How to reach one object URL and who may.

    `args` builds the objects the URL names and returns its arguments (model instances stand for their pk).
    `owners` get the page (200) or, for a POST-only URL, its normal answer; `()` means the URL serves
    nobody, which `why` must say. `strangers` are refused, and so is an anonymous visitor. `form` is what a
    POST sends: for a POST-only URL (`post_only`) and for pages whose POST changes something (strangers'
    POSTs must change nothing either).
    """

    args: Callable[[Scene], tuple]
    owners: tuple[str, ...]
    strangers: tuple[str, ...]
    form: Callable[[Scene], dict] | None = None
    post_only: bool = False
    why: str = ""


def named(*attributes):
    """The URL's arguments are these scene objects (or their pks)."""
    return lambda scene: tuple(getattr(scene, attribute) for attribute in attributes)


def empty(scene):
    return {}


def seen_quote(scene):
    quote = Quote.objects.select_related("rfq").get(pk=scene.quote.pk)
    total = quote.total_for(quote.rfq.quantity)
    return {"revision": str(quote.revision), "total": str(total.amount), "currency": total.currency}


def ship_form(scene):
    return {
        "carrier": "TCS",
        "tracking_number": "TCS-9",
        "package_count": "2",
        "package_type": "carton",
        "gross_weight_kg": "12.5",
        "net_weight_kg": "11",
    }


def allocation(scene):
    offer = scene.offer
    return {f"offer-{offer.pk}": str(offer.quantity), f"revision-{offer.pk}": str(offer.revision)}


RECIPES: dict[str, Recipe] = {
    # --- a buyer's saved shipping address ------------------------------------------------------------------
    "accounts:address-edit": Recipe(
        named("saved_address"),
        ("buyer",),
        OTHER_BUYERS,
        lambda s: {"name": "Someone else", "address": "Elsewhere 1", "country": "FR"},
    ),
    "accounts:address-delete": Recipe(
        named("saved_address"), ("buyer",), OTHER_BUYERS, empty, post_only=True
    ),
    # --- a user's own account: the emailed link works only for them, logged in ----------------------------
    "accounts:email-confirm": Recipe(named("email_change_token"), ("buyer",), OTHER_BUYERS, empty),
    # --- a buyer's order -------------------------------------------------------------------------------
    # Its suppliers' members and operators see an order too (visible_orders).
    "orders:detail": Recipe(named("order"), ("buyer", "artisan", "operator"), OTHER_BUYERS),
    # The address step: the buyer's alone (its suppliers and operators see the order, but do not set it).
    "orders:order-address": Recipe(
        named("order"),
        ("buyer",),
        (*OTHER_BUYERS, "artisan", "operator"),
        lambda s: {"shipping_name": "Anna", "shipping_address": "Hauptstrasse 1", "shipping_country": "DE"},
    ),
    "orders:pay": Recipe(named("order"), ("buyer",), OTHER_BUYERS, empty, post_only=True),
    "orders:confirm": Recipe(named("shipped_order"), ("buyer",), OTHER_BUYERS, empty, post_only=True),
    "orders:cancel": Recipe(named("order"), ("buyer",), OTHER_BUYERS, empty, post_only=True),
    "orders:dispute": Recipe(
        named("paid_order"), ("buyer",), (*OTHER_BUYERS, "artisan"), lambda s: {"reason": "Broken"}
    ),
    "orders:dispute-photo": Recipe(
        lambda s: (s.dispute_photo.dispute.order, s.dispute_photo),
        ("buyer", "artisan", "operator"),
        OTHER_BUYERS,
    ),
    # --- a supplier's part of an order, its balance and payout details ---------------------------------
    "orders:fulfilment-accept": Recipe(
        named("fulfilment"), ("artisan",), (*OTHER_SUPPLIERS, "buyer"), empty, post_only=True
    ),
    "orders:fulfilment-decline": Recipe(
        named("fulfilment"), ("artisan",), (*OTHER_SUPPLIERS, "buyer"), empty, post_only=True
    ),
    "orders:fulfilment-ship": Recipe(
        named("fulfilment"),
        ("artisan",),
        (*OTHER_SUPPLIERS, "buyer"),
        ship_form,
    ),
    # A shipped part's export documents: its buyer and its supplier only (not operators: the rule).
    "orders:document": Recipe(
        lambda s: (s.shipped_order, "commercial-invoice", s.fulfilment),
        ("buyer", "artisan"),
        (*OTHER_BUYERS, "operator"),
    ),
    "orders:payout-account": Recipe(
        named("supplier"),
        ("artisan",),
        (*OTHER_SUPPLIERS, "staff_member"),
        lambda s: {"rail": "bank", "account_name": "Mine now", "iban": "PK36SCBL0000001123456702"},
        why="payout details are the owner's: not even the supplier's staff",
    ),
    # --- a supplier's listings ---------------------------------------------------------------------------
    "sell:product-edit": Recipe(named("product"), ("artisan",), OTHER_SUPPLIERS, empty),
    "sell:photo-main": Recipe(
        lambda s: (s.product_image.product, s.product_image),
        ("artisan",),
        OTHER_SUPPLIERS,
        empty,
        post_only=True,
    ),
    "sell:photo-delete": Recipe(
        lambda s: (s.product_image.product, s.product_image),
        ("artisan",),
        OTHER_SUPPLIERS,
        empty,
        post_only=True,
    ),
    # --- inquiries ---------------------------------------------------------------------------------------
    "trade:thread": Recipe(
        lambda s: (s.message.thread,),
        ("buyer", "artisan"),
        OTHER_BUYERS,
        lambda s: {"body": "Let me in"},
    ),
    "trade:thread-close": Recipe(named("thread"), ("buyer",), OTHER_BUYERS, empty, post_only=True),
    "trade:attachment": Recipe(
        named("attachment"), ("buyer", "artisan", "curator"), (*OTHER_BUYERS, "operator")
    ),
    # --- RFQs and quotes ---------------------------------------------------------------------------------
    "trade:rfq": Recipe(lambda s: (s.quote.rfq,), ("buyer",), (*OTHER_BUYERS, "artisan")),
    "trade:rfq-cancel": Recipe(named("rfq"), ("buyer",), (*OTHER_BUYERS, "artisan"), empty, post_only=True),
    # GET is the confirmation step, POST the acceptance.
    "trade:quote-accept": Recipe(
        lambda s: (s.quote.rfq, s.quote), ("buyer",), (*OTHER_BUYERS, "artisan"), seen_quote
    ),
    "trade:quote-proforma": Recipe(
        lambda s: (s.accepted_quote.rfq, s.accepted_quote), ("buyer", "artisan"), (*OTHER_BUYERS, "operator")
    ),
    "trade:quote-ask": Recipe(
        lambda s: (s.quote.rfq, s.quote),
        ("buyer",),
        (*OTHER_BUYERS, "artisan"),
        lambda s: {"body": "Whose quote is this?"},
        post_only=True,
    ),
    "trade:sell-rfq": Recipe(
        named("rfq"),
        ("artisan", "other_artisan"),
        ("outside_artisan", "buyer"),
        lambda s: {"unit_price": "1.00", "currency": "USD", "incoterm": "FOB", "lead_time_days": "10"},
        why="an RFQ goes to every supplier of its category: a rival sees it, a supplier of others does not",
    ),
    # --- subcontracting ----------------------------------------------------------------------------------
    "trade:subcontract": Recipe(
        named("subcontract"),
        ("buyer", "artisan"),
        ("other_buyer", "outside_artisan"),
        lambda s: {"quantity": "100", "unit_price": "1.00", "lead_time_days": "10"},
        why="the requester and the suppliers of the cluster (who offer capacity here) see a request",
    ),
    "trade:subcontract-allocate": Recipe(
        lambda s: (s.offer.request,),
        ("buyer",),
        ("other_buyer", "artisan", "other_artisan", "outside_artisan"),
        allocation,
        post_only=True,
    ),
    "trade:subcontract-close": Recipe(
        lambda s: (s.offer.request,),
        ("buyer",),
        ("other_buyer", "artisan", "other_artisan", "outside_artisan"),
        empty,
        post_only=True,
    ),
    # --- operators' back office --------------------------------------------------------------------------
    "operations_orders:inspect": Recipe(named("order"), ("operator",), NOT_OPERATORS),
    "operations_orders:refund": Recipe(
        named("paid_order"),
        ("operator",),
        NOT_OPERATORS,
        lambda s: {"refund-amount": "10.00", "refund-reason": "Goodwill"},
        post_only=True,
    ),
    "operations_orders:resolve_dispute": Recipe(
        lambda s: (s.dispute_photo.dispute.order,),
        ("operator",),
        NOT_OPERATORS,
        lambda s: {"resolve-resolution": "release", "resolve-note": "Fine"},
        post_only=True,
    ),
    "operations_orders:refund_late_payment": Recipe(
        named("paid_order"), ("operator",), NOT_OPERATORS, empty, post_only=True
    ),
    "operations_payouts:inspect": Recipe(named("payout_batch"), ("operator",), NOT_OPERATORS),
    "operations_payouts:settle": Recipe(
        named("payout_batch"), ("operator",), NOT_OPERATORS, empty, post_only=True
    ),
    "operations_payouts:settle_item": Recipe(
        lambda s: (s.payout_item.batch, s.payout_item), ("operator",), NOT_OPERATORS, empty, post_only=True
    ),
    "operations_payouts:settlement_file": Recipe(
        named("payout_batch"), ("operator",), NOT_OPERATORS, empty, post_only=True
    ),
    "operations_payouts:csv": Recipe(lambda s: (s.payout_batch, "bank"), ("operator",), NOT_OPERATORS),
    "operations_commissions:edit": Recipe(
        named("commission"), ("operator",), NOT_OPERATORS, lambda s: {"percent": "50"}
    ),
    "operations_commissions:delete": Recipe(named("commission"), ("operator",), NOT_OPERATORS, empty),
    "operations_emails:inspect": Recipe(named("failed_email"), ("operator",), NOT_OPERATORS),
    "operations_emails:resend": Recipe(
        named("failed_email"), ("operator",), NOT_OPERATORS, empty, post_only=True
    ),
    # --- curators' moderation ----------------------------------------------------------------------------
    "catalog_moderation:hide": Recipe(
        named("product"), ("curator",), NOT_CURATORS, lambda s: {"reason": "Hidden by a stranger"}
    ),
    "catalog_moderation:unhide": Recipe(named("hidden_product"), ("curator",), NOT_CURATORS, empty),
    "catalog_certifications:document": Recipe(
        named("certification"),
        ("curator",),
        NOT_CURATORS,
        why="certification documents are evidence for curators; not even the supplier's owner downloads them",
    ),
    "trade_hide_message": Recipe(
        named("message"), ("curator",), NOT_CURATORS, lambda s: {"reason": "Hidden by a stranger"}
    ),
}


# --- The catalog's snippets (catalog/wagtail_hooks.py): curators' ------------------------------------------
def chooser(attribute):
    return Recipe(
        named(attribute),
        ("curator", "operator"),
        ("buyer", "artisan"),
        why="Wagtail's snippet choosers answer any admin user (page editors pick snippets) with the object's "
        "name and edit link; the edit link itself refuses operators",
    )


CURATED = {
    "category": "category",
    "cluster": "cluster",
    "supplier": "supplier",
    "certification": "certification",
    "certificationtype": "certification_type",
    "verificationlevel": "verification_level",
    "material": "material",
}
for _model, _attribute in CURATED.items():
    for _action, _form in [
        ("edit", empty),
        ("delete", empty),
        ("copy", None),
        ("usage", None),
        ("history", None),
        ("history_results", None),
    ]:
        RECIPES[f"wagtailsnippets_catalog_{_model}:{_action}"] = Recipe(
            named(_attribute), ("curator",), NOT_CURATORS, _form
        )
    RECIPES[f"wagtailsnippetchoosers_catalog_{_model}:chosen"] = chooser(_attribute)

# Products are the artisans': curators look (and moderate above), never edit, delete or copy them, and Wagtail
# shows a model's history and usage only to those who may change it.
RECIPES["wagtailsnippets_catalog_product:inspect"] = Recipe(named("product"), ("curator",), NOT_CURATORS)
RECIPES["wagtailsnippetchoosers_catalog_product:chosen"] = chooser("product")
for _action, _form in [
    ("edit", empty),
    ("delete", empty),
    ("copy", None),
    ("usage", None),
    ("history", None),
    ("history_results", None),
]:
    RECIPES[f"wagtailsnippets_catalog_product:{_action}"] = Recipe(
        named("product"),
        ("superuser",),
        (*NOT_CURATORS, "curator"),
        _form,
        why="a listing is its artisan's: curators hide it with a reason, they do not rewrite it",
    )

# --- Trade records (orders/trade/wagtail_hooks.py): curators read them, nobody edits them ------------------
TRADE_RECORDS = {
    "trade_thread": "thread",
    "trade_message": "message",
    "trade_rfq": "rfq",
    "trade_subcontract": "subcontract",
}
for _namespace, _attribute in TRADE_RECORDS.items():
    RECIPES[f"{_namespace}:inspect"] = Recipe(named(_attribute), ("curator",), NOT_CURATORS)
    for _action, _form in [
        ("edit", empty),
        ("delete", empty),
        ("usage", None),
        ("history", None),
        ("history_results", None),
    ]:
        RECIPES[f"{_namespace}:{_action}"] = Recipe(
            named(_attribute),
            (),
            (*NOT_CURATORS, "curator", "superuser"),
            _form,
            why="the parties' own records: Wagtail routes these views (history and usage for those who may "
            "change the record), CuratorReadOnlyPolicy lets nobody change it",
        )

# --- The JSON API (api/): the pages' rules through the other door (session cookies count as signing in) ----
# Catalog objects are the public pages' data, for any signed-in account (tokens or session); anonymous: 401.
for _name, _attribute in [
    ("api:product-detail", "product"),
    ("api:supplier-detail", "supplier"),
    ("api:cluster-detail", "cluster"),
]:
    RECIPES[_name] = Recipe(
        named(_attribute), ("buyer", "other_artisan"), (), why="public data, to signed-in callers"
    )
# A supplier's listings: as /sell/ (tests/api/test_listings.py refuses PUT and PATCH, DELETE of photos).
RECIPES["api:listing-detail"] = Recipe(named("product"), ("artisan",), OTHER_SUPPLIERS)
RECIPES["api:listing-photos"] = Recipe(named("product"), ("artisan",), OTHER_SUPPLIERS, empty)
RECIPES["api:listing-photo"] = Recipe(
    lambda s: (s.product_image.product, s.product_image), ("artisan",), OTHER_SUPPLIERS
)
RECIPES["api:listing-photo-main"] = Recipe(
    lambda s: (s.product_image.product, s.product_image), ("artisan",), OTHER_SUPPLIERS, empty, post_only=True
)


# --- the trade API (api/trade/, API-2): a buyer's RFQs, quotes and orders; both sides' inquiries ------------
def seen_quote_in_the_api(scene):
    """The accept body as a form (DRF reads "total.amount" into the nested total)."""
    seen = seen_quote(scene)
    return {"revision": seen["revision"], "total.amount": seen["total"], "total.currency": seen["currency"]}


RECIPES |= {
    "api:trade-rfq-detail": Recipe(named("rfq"), ("buyer",), (*OTHER_BUYERS, "artisan")),
    "api:trade-quote-list": Recipe(lambda s: (s.quote.rfq,), ("buyer",), (*OTHER_BUYERS, "artisan")),
    "api:trade-quote-detail": Recipe(
        lambda s: (s.quote.rfq, s.quote), ("buyer",), (*OTHER_BUYERS, "artisan")
    ),
    "api:trade-quote-accept": Recipe(
        lambda s: (s.quote.rfq, s.quote),
        ("buyer",),
        (*OTHER_BUYERS, "artisan"),
        seen_quote_in_the_api,
        post_only=True,
    ),
    "api:trade-inquiry-detail": Recipe(lambda s: (s.message.thread,), ("buyer", "artisan"), OTHER_BUYERS),
    "api:trade-inquiry-read": Recipe(
        named("thread"), ("buyer", "artisan"), OTHER_BUYERS, empty, post_only=True
    ),
    "api:trade-inquiry-messages": Recipe(
        lambda s: (s.message.thread,), ("buyer", "artisan"), OTHER_BUYERS, lambda s: {"body": "Let me in"}
    ),
    "api:trade-sell-rfq-detail": Recipe(
        named("rfq"),
        ("artisan", "other_artisan"),
        ("outside_artisan", "buyer"),
        why="an RFQ goes to every supplier of its category: a rival sees it, a supplier of others does not",
    ),
    # A supplier's own quote: the rival who sees the RFQ does not see it.
    "api:trade-sell-quote": Recipe(
        lambda s: (s.quote.rfq,), ("artisan",), ("other_artisan", "outside_artisan", "buyer")
    ),
    # The API's orders are the buyer's (orders.access.buyers_order): the supplier's member is refused here.
    "api:trade-order-detail": Recipe(named("order"), ("buyer",), (*OTHER_BUYERS, "artisan")),
    # A shipped part's document through the API: its buyer only, like the order it is of.
    "api:trade-order-document": Recipe(
        lambda s: (s.shipped_order, "commercial-invoice", s.fulfilment),
        ("buyer",),
        (*OTHER_BUYERS, "artisan"),
    ),
}


# --- join (issue 19, part A): an applicant's documents, and the curators' queue of applications ------------
def approval(scene):
    return {
        "level": scene.verification_level.pk,
        "method": "self_declared",
        "checked_on": "2026-01-05",
        "observed": "",
        "visited_by": "",
    }


RECIPES |= {
    # The business's owner only: not its staff (the application speaks for the business).
    "sell:join-document": Recipe(named("join_document"), ("artisan",), (*OTHER_SUPPLIERS, "staff_member")),
    "sell:join-document-delete": Recipe(
        named("join_document"), ("artisan",), (*OTHER_SUPPLIERS, "staff_member"), empty, post_only=True
    ),
    "catalog_applications:detail": Recipe(named("join_application"), ("curator",), NOT_CURATORS),
    "catalog_applications:document": Recipe(
        named("join_document"),
        ("curator",),
        NOT_CURATORS,
        why="the applicant downloads their own at sell:join-document; this is the curators' copy",
    ),
    "catalog_applications:approve": Recipe(
        named("join_application"), ("curator",), NOT_CURATORS, approval, post_only=True
    ),
    "catalog_applications:ask": Recipe(
        named("join_application"), ("curator",), NOT_CURATORS, lambda s: {"question": "Who?"}, post_only=True
    ),
    "catalog_applications:decline": Recipe(
        named("join_application"), ("curator",), NOT_CURATORS, lambda s: {"reason": "No."}, post_only=True
    ),
}


# --- Part B, members: the members pages, the emailed invitation link, the curators' coordinators admin ----
def _made(make):
    """Arguments built by `make(scene)` for a real Scene; for the counting stand-in (a Ghost, which is no
    Scene) one object, so nothing is created while the recipes are only counted."""
    return lambda scene: make(scene) if isinstance(scene, Scene) else (scene.made,)


def _staff_of_supplier(scene):
    from catalog.models import SupplierMembership
    from tests.factories import BuyerFactory

    scene.artisan  # noqa: B018 (the owner exists before the staff member)
    staff = BuyerFactory()
    return (SupplierMembership.objects.create(supplier=scene.supplier, user=staff, role="staff"),)


def _invitation_of(scene, email):
    from catalog.members import invitations

    return invitations.invite(scene.supplier, actor=scene.artisan, email=email, role="staff")


def _coordinator_row(scene):
    from catalog.models import ClusterCoordinator
    from tests.factories import BuyerFactory, ClusterFactory

    coordinator = BuyerFactory()
    return (
        ClusterCoordinator.objects.create(
            user=coordinator, cluster=ClusterFactory(), kind="ngo", organisation="NGO"
        ),
    )


RECIPES |= {
    "sell:supplier-members": Recipe(
        named("supplier"),
        ("artisan",),
        OTHER_SUPPLIERS,
        lambda s: {"email": "new@example.com", "role": "staff"},
    ),
    "sell:member-remove": Recipe(
        _made(_staff_of_supplier), ("artisan",), OTHER_SUPPLIERS, empty, post_only=True
    ),
    "sell:member-make-owner": Recipe(
        _made(_staff_of_supplier), ("artisan",), OTHER_SUPPLIERS, empty, post_only=True
    ),
    "sell:invitation-revoke": Recipe(
        _made(lambda s: (_invitation_of(s, "invited@example.com")[0],)),
        ("artisan",),
        OTHER_SUPPLIERS,
        empty,
        post_only=True,
    ),
    # The emailed link works for the invited address only: here the buyer's, so the buyer is its owner.
    "sell:invitation": Recipe(
        _made(lambda s: (_invitation_of(s, s.buyer.email)[1],)), ("buyer",), OTHER_BUYERS, empty
    ),
    "cluster_coordinators:edit": Recipe(
        _made(_coordinator_row), ("curator",), NOT_CURATORS, lambda s: {"organisation": "Taken over"}
    ),
    "cluster_coordinators:delete": Recipe(_made(_coordinator_row), ("curator",), NOT_CURATORS, empty),
}


# --- Part C, bulk listings (catalog.bulk): an import's report and its apply, for the supplier's owner ------
def checked_import_job(scene):
    from django.core.files.base import ContentFile

    from catalog.bulk.models import ImportJob

    if not isinstance(scene, Scene):  # tests/test_object_urls.py counts the objects with a stand-in scene
        return (scene.import_job,)
    job = ImportJob.objects.create(
        supplier=scene.supplier,
        created_by=scene.artisan,
        table=ContentFile(b"sku,title\n", name="listings.csv"),
        table_name="listings.csv",
        state=ImportJob.State.CHECKED,
        report={"issues": [], "rows": [], "counts": {"create": 0, "change": 0, "unchanged": 0, "invalid": 0}},
    )
    return (job,)


RECIPES |= {
    # Staff members of the same supplier are refused too: importing is the owner's or coordinator's.
    "sell:import-job": Recipe(checked_import_job, ("artisan",), ("other_artisan", "staff_member", "buyer")),
    "sell:import-apply": Recipe(
        checked_import_job, ("artisan",), ("other_artisan", "staff_member", "buyer"), empty, post_only=True
    ),
}


# --- Issue 22, curation: asking for review of a hidden listing (/sell/) and the curators' answers (admin) --
def _review_request(scene):
    from catalog.models import ReviewRequest
    from catalog.review_requests import services as reviews

    product = scene.hidden_product
    open_request = ReviewRequest.objects.filter(product=product, state=ReviewRequest.State.OPEN).first()
    return (open_request or reviews.ask_for_review(scene.artisan, product.pk, "New photos of my own."),)


RECIPES |= {
    "sell:product-review": Recipe(
        named("hidden_product"), ("artisan",), OTHER_SUPPLIERS, lambda s: {"note": "Fixed by a stranger"}
    ),
    "catalog_review_requests:detail": Recipe(_made(_review_request), ("curator",), NOT_CURATORS),
    "catalog_review_requests:unhide": Recipe(
        _made(_review_request), ("curator",), NOT_CURATORS, empty, post_only=True
    ),
    "catalog_review_requests:keep-hidden": Recipe(
        _made(_review_request),
        ("curator",),
        NOT_CURATORS,
        lambda s: {"reply": "Still copied"},
        post_only=True,
    ),
}


# --- Issue 20 part 1a: a lead captured at the booth (/sell/), the curators' events and exhibitors (admin) ---
def _captured_lead(scene):
    import uuid

    from orders.trade.leads.capture import capture_lead

    lead, _created = capture_lead(
        supplier=scene.supplier, actor=scene.artisan, client_key=uuid.uuid4(), name="Met at the booth"
    )
    return (lead,)


def _expo_exhibitor(scene):
    from tests.trade.leads.expo import ExhibitorFactory

    return ExhibitorFactory(supplier=scene.supplier, booth="B-12")


RECIPES["trade:lead-captured"] = Recipe(_made(_captured_lead), ("artisan", "curator"), OTHER_SUPPLIERS)
# The follow-up pipeline: the lead's supplier's members and curators; a rival supplier and a buyer never.
RECIPES |= {
    "trade:sell-lead": Recipe(_made(_captured_lead), ("artisan", "curator"), OTHER_SUPPLIERS),
    "trade:sell-lead-stage": Recipe(
        _made(_captured_lead),
        ("artisan", "curator"),
        OTHER_SUPPLIERS,
        lambda s: {"stage": "contacted"},
        post_only=True,
    ),
    "trade:sell-lead-next-action": Recipe(
        _made(_captured_lead),
        ("artisan", "curator"),
        OTHER_SUPPLIERS,
        lambda s: {"next_action_on": "2026-12-20", "next_action": "Send samples"},
        post_only=True,
    ),
}
for _namespace, _make, _form in [
    (
        "programme_events",
        lambda s: (_expo_exhibitor(s).event,),
        lambda s: {"name": "Renamed", "slug": "renamed", "starts_on": "2026-03-10", "ends_on": "2026-03-12"},
    ),
    ("programme_exhibitors", lambda s: (_expo_exhibitor(s),), lambda s: {"booth": "Z-99"}),
]:
    RECIPES[f"{_namespace}:edit"] = Recipe(_made(_make), ("curator",), NOT_CURATORS, _form)
    RECIPES[f"{_namespace}:delete"] = Recipe(_made(_make), ("curator",), NOT_CURATORS, empty)
    for _action in ("history", "history_results", "usage"):
        RECIPES[f"{_namespace}:{_action}"] = Recipe(_made(_make), ("curator",), NOT_CURATORS)


# --- Issue 20: advances against an order, the lenders' officers' pages, lenders in the admin ---------------
# A lender's request: its officers only; another lender's officer, the supplier who asked and the buyer are
# refused. The supplier's side: the owner only (a rival supplier's owner and the lender's officer refused).
NOT_THE_LENDER = ("other_officer", "artisan", "buyer")


def _officer_row(scene):
    from orders.financing.models import LenderOfficer

    return (LenderOfficer.objects.get(user=scene.lender_officer),)


RECIPES |= {
    "orders:request-advance": Recipe(
        named("fulfilment"),
        ("artisan",),
        (*OTHER_SUPPLIERS, "lender_officer"),
        lambda s: {"amount": "10.00", "consent": "on"},
    ),
    "orders:withdraw-advance": Recipe(
        named("advance"), ("artisan",), (*OTHER_SUPPLIERS, "lender_officer"), empty, post_only=True
    ),
    "orders:lend-advance": Recipe(named("advance"), ("lender_officer",), NOT_THE_LENDER),
    "orders:lend-approve": Recipe(
        named("advance"), ("lender_officer",), NOT_THE_LENDER, lambda s: {"amount": "10.00"}, post_only=True
    ),
    "orders:lend-decline": Recipe(
        named("advance"), ("lender_officer",), NOT_THE_LENDER, lambda s: {"reason": "No"}, post_only=True
    ),
    "orders:lend-disburse": Recipe(
        named("advance"),
        ("lender_officer",),
        NOT_THE_LENDER,
        lambda s: {"disbursed_on": "2026-12-01", "reference": "RAAST-9", "rail": "raast"},
        post_only=True,
    ),
    # Curators and operators both manage lenders (operators pay them); suppliers and buyers are refused.
    "lenders:edit": Recipe(
        named("lender"), ("curator", "operator"), ("buyer", "artisan"), lambda s: {"name": "Renamed"}
    ),
    "lenders:delete": Recipe(named("lender"), ("curator", "operator"), ("buyer", "artisan"), empty),
    "lender_officers:edit": Recipe(
        _made(_officer_row),
        ("curator", "operator"),
        ("buyer", "artisan"),
        lambda s: {"email": "x@example.com"},
    ),
    "lender_officers:delete": Recipe(
        _made(_officer_row), ("curator", "operator"), ("buyer", "artisan"), empty
    ),
}


# --- Issue 20: paying lenders what releases repaid them (Operations menu): operators only ------------------
# The lender is owed 50.00 USD (its advance repaid on release): a refused POST would have had money to book.
def _owed_lender(scene):
    from datetime import date
    from decimal import Decimal

    from orders.financing.services import approve_advance, disburse_advance
    from orders.ledger.escrow import release_fulfilment

    advance = scene.advance
    approve_advance(advance, scene.lender_officer, amount=Decimal("50.00"))
    advance.refresh_from_db()
    disburse_advance(
        advance, scene.lender_officer, disbursed_on=date(2026, 12, 1), reference="IBFT-SCENE", rail="raast"
    )
    release_fulfilment(scene.fulfilment)
    return (scene.lender,)


def _lender_payment(scene):
    return {
        "currency": "USD",
        "USD-amount": "50.00",
        "USD-reference": "IBFT-PAID-1",
        "USD-confirm": "on",
    }


NOT_OPERATORS_NOR_THE_LENDER = (*NOT_OPERATORS, "lender_officer")
RECIPES |= {
    "operations_lender_payments:inspect": Recipe(
        _made(_owed_lender), ("operator",), NOT_OPERATORS_NOR_THE_LENDER
    ),
    "operations_lender_payments:pay": Recipe(
        _made(_owed_lender), ("operator",), NOT_OPERATORS_NOR_THE_LENDER, _lender_payment, post_only=True
    ),
}
