"""Orders URLs, included at the root: /cart/, /checkout/, /orders/, /sell/orders/, /sell/balance/, /ops/,
/stripe/webhook/. The views live with their concern (checkout, payments, ledger, the order's own life)."""

from django.urls import path

from .checkout import views as checkout
from .ledger import views as ledger
from .payments import views as payments
from .views import buyer, ops, ops_commissions, seller

app_name = "orders"

urlpatterns = [
    path("cart/", checkout.cart_view, name="cart"),
    path("cart/add/", checkout.cart_add, name="cart-add"),
    path("cart/remove/", checkout.cart_remove, name="cart-remove"),
    path("checkout/", checkout.checkout_view, name="checkout"),
    path("orders/", buyer.order_list, name="list"),
    path("orders/<int:pk>/", buyer.order_detail, name="detail"),
    path("orders/<int:pk>/pay/", payments.order_pay, name="pay"),
    path("orders/<int:pk>/confirm/", buyer.order_confirm, name="confirm"),
    path("orders/<int:pk>/cancel/", buyer.order_cancel, name="cancel"),
    path("orders/<int:pk>/dispute/", buyer.order_dispute, name="dispute"),
    path("orders/<int:order_pk>/dispute-photos/<int:pk>/", buyer.dispute_photo, name="dispute-photo"),
    path("sell/orders/", seller.sell_orders, name="sell-orders"),
    path("sell/orders/<int:pk>/accept/", seller.fulfilment_accept, name="fulfilment-accept"),
    path("sell/orders/<int:pk>/decline/", seller.fulfilment_decline, name="fulfilment-decline"),
    path("sell/orders/<int:pk>/ship/", seller.fulfilment_ship, name="fulfilment-ship"),
    path("sell/balance/", ledger.sell_balance, name="sell-balance"),
    path("sell/balance/<int:supplier_pk>/payout-account/", ledger.payout_account_edit, name="payout-account"),
    path("ops/", ops.ops_orders, name="ops-orders"),
    path("ops/orders/<int:pk>/", ops.ops_order, name="ops-order"),
    path(
        "ops/orders/<int:pk>/refund-late-payment/",
        ops.ops_refund_late_payment,
        name="ops-refund-late-payment",
    ),
    path("ops/ledger/", ops.ops_ledger, name="ops-ledger"),
    path("ops/commissions/", ops_commissions.commission_list, name="ops-commissions"),
    path("ops/commissions/add/", ops_commissions.commission_add, name="ops-commission-add"),
    path("ops/commissions/<int:pk>/", ops_commissions.commission_edit, name="ops-commission-edit"),
    path("ops/commissions/<int:pk>/delete/", ops_commissions.commission_delete, name="ops-commission-delete"),
    path("ops/payouts/", ops.ops_payouts, name="ops-payouts"),
    path("ops/payouts/<int:pk>/", ops.ops_payout, name="ops-payout"),
    path("ops/payouts/<int:pk>/<str:rail>.csv", ops.ops_payout_csv, name="ops-payout-csv"),
    path("stripe/webhook/", payments.stripe_webhook, name="stripe-webhook"),
]
