"""Slots (marketplace.slots): a lower layer's template declares a place, the apps above it fill it."""

import pytest
from django.core.cache.utils import make_template_fragment_key
from django.template import Context, Engine

from marketplace import slots


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, the project's own untouched."""
    monkeypatch.setattr(slots, "_fillers", {})
    return slots


def engine(**templates):
    return Engine(
        loaders=[("django.template.loaders.locmem.Loader", templates)],
        libraries={"slots": "marketplace.templatetags.slots"},
    )


def test_a_slot_renders_its_templates_by_order_with_the_values_it_names(registry):
    registry.register("page.actions", "second.html", order=20)
    registry.register("page.actions", "first.html", order=10)
    page = engine(
        **{
            "page.html": '{% load slots %}<main>{% slot "page.actions" item=thing %}</main>',
            "first.html": "<a>{{ item }} by {{ owner }}</a>",
            "second.html": "<b>{{ item }}</b>",
        }
    ).get_template("page.html")

    html = page.render(Context({"thing": "vase", "owner": "Gul"}))

    assert html == "<main><a>vase by Gul</a><b>vase</b></main>"


def test_a_slot_nothing_is_registered_for_renders_nothing(registry):
    page = engine(**{"page.html": '{% load slots %}<main>{% slot "page.actions" %}</main>'})
    assert page.get_template("page.html").render(Context()) == "<main></main>"


def test_slot_templates_are_not_escaped_twice_and_their_values_are(registry):
    registry.register("page.actions", "link.html")
    page = engine(
        **{"page.html": '{% load slots %}{% slot "page.actions" %}', "link.html": "<a>{{ text }}</a>"}
    ).get_template("page.html")
    assert page.render(Context({"text": "<script>"})) == "<a>&lt;script&gt;</a>"


def test_registering_a_template_twice_in_one_slot_is_refused(registry):
    registry.register("page.actions", "link.html")
    with pytest.raises(ValueError, match="already registered"):
        registry.register("page.actions", "link.html")


def test_slot_version_is_what_the_slot_shows_without_rendering_it(registry):
    registry.register("card", "figures.html", vary_on=lambda context: (context["supplier"], None))
    registry.register("card", "plain.html")
    page = engine(
        **{
            "page.html": '{% load slots %}{% slot_version "card" supplier=who as v %}[{{ v }}]',
            "figures.html": "{% error this template is never rendered %}",
        }
    ).get_template("page.html")

    assert page.render(Context({"who": 7})) == "[7:None]"


def test_a_slot_version_keys_a_fragment_as_its_values_would_one_by_one(registry):
    # `{% cache %}` joins its values with ':' too, so the product page's facts fragment keeps the key it had
    # when it named the responsiveness figures itself.
    registry.register("card", "figures.html", vary_on=lambda context: (75, 4.0))
    version = slots.version("card", Context())
    assert make_template_fragment_key("product-facts", ["v1", version]) == make_template_fragment_key(
        "product-facts", ["v1", 75, 4.0]
    )
