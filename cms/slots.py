"""What the cms adds to the core's pages: its link in the header (see marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav", "cms/includes/nav.html", order=20)
