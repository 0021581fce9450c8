"""What search adds to the core's pages: the search bar below the header (see marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.bar", "search/includes/searchbar.html", order=10)
