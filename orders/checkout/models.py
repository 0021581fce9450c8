"""Stock taken by an order line until the order is cancelled, and the signed-in buyer's stored cart."""

from django.conf import settings
from django.db import models

from marketplace.numbers import validate_quantity


class StockReservation(models.Model):
    """Units of a limited-stock product taken by an order line; given back if the order is cancelled."""

    line = models.OneToOneField("orders.OrderLine", on_delete=models.CASCADE, related_name="reservation")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(validators=[validate_quantity])
    released = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.quantity} of {self.product_id}"


class CartItem(models.Model):
    """One line of a signed-in buyer's cart, kept in the database so it follows them to every device.

    A visitor's cart stays in the session (orders.checkout.cart) and is merged into these rows at login.
    Only the product, quantity and sample flag are kept: prices, MOQ and limits are read fresh and checked
    again whenever the cart is read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart_items")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(validators=[validate_quantity])
    is_sample = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "product", "is_sample"], name="one_cart_line_per_product")
        ]

    def __str__(self):
        return f"{self.quantity} of {self.product_id} for {self.user_id}"
