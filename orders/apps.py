from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders and payments"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import slots
        from .checkout import cart

        slots.register()
        # Every way of logging in (the login form, a confirmed sign-up, a password reset) keeps the cart.
        user_logged_in.connect(cart.merge_at_login, dispatch_uid="orders.checkout.cart.merge_at_login")
