"""What the API adds to the core's pages: the link to a signed-in visitor's API tokens (marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav.member", "api/includes/nav.html", order=50)
