"""Orders URLs, included at the root: /cart/, /checkout/, /orders/, /sell/orders/, /sell/balance/,
/stripe/webhook/, /lend/ (lenders' officers). The views live with their concern (checkout, payments, ledger,
financing, the order's own life).

The operators' pages are in the Wagtail admin (/admin/operations/, see orders/backoffice/); their old
addresses under /ops/ redirect there for good, so bookmarks and links in old e-mails keep working."""

from django.urls import path
from django.views.generic import RedirectView

from .checkout import views as checkout
from .documents import views as documents
from .financing import lend_views as lend
from .financing import views as financing
from .ledger import views as ledger
from .payments import views as payments
from .shipping_address import views as shipping_address
from .views import buyer, seller

app_name = "orders"

urlpatterns = [
    path("cart/", checkout.cart_view, name="cart"),
    path("cart/add/", checkout.cart_add, name="cart-add"),
    path("cart/update/", checkout.cart_update, name="cart-update"),
    path("cart/remove/", checkout.cart_remove, name="cart-remove"),
    path("checkout/", checkout.checkout_view, name="checkout"),
    path("orders/", buyer.order_list, name="list"),
    path("orders/<int:pk>/", buyer.order_detail, name="detail"),
    path("orders/<int:pk>/address/", shipping_address.order_address, name="order-address"),
    path("orders/<int:pk>/pay/", payments.order_pay, name="pay"),
    path("orders/<int:pk>/confirm/", buyer.order_confirm, name="confirm"),
    path("orders/<int:pk>/cancel/", buyer.order_cancel, name="cancel"),
    path("orders/<int:pk>/dispute/", buyer.order_dispute, name="dispute"),
    path("orders/<int:order_pk>/dispute-photos/<int:pk>/", buyer.dispute_photo, name="dispute-photo"),
    path(
        "orders/<int:pk>/documents/<slug:kind>/<int:fulfilment_pk>.pdf",
        documents.shipment_document,
        name="document",
    ),
    path("sell/orders/", seller.sell_orders, name="sell-orders"),
    path("sell/orders/<int:pk>/accept/", seller.fulfilment_accept, name="fulfilment-accept"),
    path("sell/orders/<int:pk>/decline/", seller.fulfilment_decline, name="fulfilment-decline"),
    path("sell/orders/<int:pk>/ship/", seller.fulfilment_ship, name="fulfilment-ship"),
    path("sell/orders/<int:pk>/advance/", financing.request_advance_view, name="request-advance"),
    path("sell/advances/<int:pk>/withdraw/", financing.withdraw_advance_view, name="withdraw-advance"),
    path("sell/balance/", ledger.sell_balance, name="sell-balance"),
    path("sell/balance/<int:supplier_pk>/payout-account/", ledger.payout_account_edit, name="payout-account"),
    path("lend/", lend.lend_index, name="lend-index"),
    path("lend/figures/", lend.lend_figures, name="lend-figures"),
    path("lend/advances/<int:pk>/", lend.lend_advance, name="lend-advance"),
    path("lend/advances/<int:pk>/approve/", lend.lend_approve, name="lend-approve"),
    path("lend/advances/<int:pk>/decline/", lend.lend_decline, name="lend-decline"),
    path("lend/advances/<int:pk>/disburse/", lend.lend_disburse, name="lend-disburse"),
    path("stripe/webhook/", payments.stripe_webhook, name="stripe-webhook"),
]


def moved_to(pattern_name):
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


urlpatterns += [
    path("ops/", moved_to("operations_orders:index")),
    path("ops/orders/<int:pk>/", moved_to("operations_orders:inspect")),
    # The old one-click refund was a POST; a redirect cannot repeat it safely, so it lands on the order.
    path("ops/orders/<int:pk>/refund-late-payment/", moved_to("operations_orders:inspect")),
    path("ops/ledger/", moved_to("operations_ledger:index")),
    path("ops/commissions/", moved_to("operations_commissions:index")),
    path("ops/commissions/add/", moved_to("operations_commissions:add")),
    path("ops/commissions/<int:pk>/", moved_to("operations_commissions:edit")),
    path("ops/commissions/<int:pk>/delete/", moved_to("operations_commissions:delete")),
    path("ops/payouts/", moved_to("operations_payouts:index")),
    path("ops/payouts/<int:pk>/", moved_to("operations_payouts:inspect")),
    path("ops/payouts/<int:pk>/<str:rail>.csv", moved_to("operations_payouts:csv")),
]
