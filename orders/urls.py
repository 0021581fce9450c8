"""Orders URLs, included at the root: /cart/, /checkout/, /orders/, /sell/orders/, /sell/balance/, /ops/."""

from django.urls import path

from .views import buyer, ops, ops_commissions, seller, webhook

app_name = "orders"

urlpatterns = [
    path("cart/", buyer.cart_view, name="cart"),
    path("cart/add/", buyer.cart_add, name="cart-add"),
    path("cart/remove/", buyer.cart_remove, name="cart-remove"),
    path("checkout/", buyer.checkout_view, name="checkout"),
    path("orders/", buyer.order_list, name="list"),
    path("orders/<int:pk>/", buyer.order_detail, name="detail"),
    path("orders/<int:pk>/pay/", buyer.order_pay, name="pay"),
    path("orders/<int:pk>/confirm/", buyer.order_confirm, name="confirm"),
    path("orders/<int:pk>/cancel/", buyer.order_cancel, name="cancel"),
    path("orders/<int:pk>/dispute/", buyer.order_dispute, name="dispute"),
    path("sell/orders/", seller.sell_orders, name="sell-orders"),
    path("sell/orders/<int:pk>/accept/", seller.fulfilment_accept, name="fulfilment-accept"),
    path("sell/orders/<int:pk>/decline/", seller.fulfilment_decline, name="fulfilment-decline"),
    path("sell/orders/<int:pk>/ship/", seller.fulfilment_ship, name="fulfilment-ship"),
    path("sell/balance/", seller.sell_balance, name="sell-balance"),
    path("sell/balance/<int:supplier_pk>/payout-account/", seller.payout_account_edit, name="payout-account"),
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
    path("stripe/webhook/", webhook.stripe_webhook, name="stripe-webhook"),
]
