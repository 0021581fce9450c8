"""The operators' back office, inside the Wagtail admin under /admin/operations/.

Orders needing action (late payments with their one-click refund, open disputes) above every order, an
order's page (refund, dispute resolution, lines, parties, payments, ledger movements), the ledger, payout
batches, what the platform owes partner lenders (and recording that it paid them) and per-category
commission rates. Registered by `orders/wagtail_hooks.py` as one "Operations" menu.

Who gets in is one rule, `user.is_operator` (the Operators group, or a superuser), checked three times and
always the same way: `permissions.operator_required` wraps every Operations URL (refusing before any
lookup), `permissions.OperatorPolicy` tells Wagtail's generic views, buttons and menu what operators may do,
and the services refuse anyone else (`orders.access.require_operator`). The Operators group holds no model
permissions for this; it needs only `wagtailadmin.access_admin` to enter the admin (`cms/permissions.py`).

Views here parse a form, call one service, and show a message; the logic stays in `orders.disputes`,
`orders.payments`, `orders.ledger` and `orders.financing.ledger`.
"""
