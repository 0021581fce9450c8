"""What the API adds to the core's pages: the links to a signed-in visitor's API tokens, in the header and on
the profile (marketplace.slots)."""

from marketplace import slots


def register():
    """Called once, by the app's ready()."""
    slots.register("header.nav.member", "api/includes/nav.html", order=50)
    slots.register("profile.links", "api/includes/profile_link.html", order=50)
