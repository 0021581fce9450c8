"""The errors of charging and refunding, shared by intents, refunds and their callers."""


class PaymentError(Exception):
    """A payment or refund could not be done; `message` is for people, `code` for callers."""

    def __init__(self, message, code="payment_error"):
        super().__init__(message)
        self.message = message
        self.code = code
