"""`{% navigation_links "footer" as links %}`: the curators' links for one place (cms.navigation)."""

from django import template

from cms import navigation

register = template.Library()


@register.simple_tag
def navigation_links(place):
    return navigation.navigation_links()[place]
