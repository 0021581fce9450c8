"""Stock taken by an order line from a limited-stock product, until the order is cancelled."""

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
