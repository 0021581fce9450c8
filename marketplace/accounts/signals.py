"""What the accounts app tells the apps above it, which it never names (they receive; it only sends).

`email_verified` (sender: the User class, `user`): an account's email address has just been proven, by a new
account's sign-up link or by a confirmed address change. Sent once the change has committed, so a receiver
sees the account as stored and nothing it does can undo the confirmation (orders.trade links the leads met
at events with that address to the account).
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

email_verified = Signal()


def announce_email_verified(user) -> None:
    """Send `email_verified` for `user` when the caller's transaction commits. A receiver's error is logged,
    not raised (robust): the visitor's confirmation stands whatever an app above does with the news."""
    transaction.on_commit(partial(email_verified.send, sender=type(user), user=user), robust=True)
