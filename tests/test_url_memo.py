"""The `{% url %}` builtin that remembers argument-less reversals renders what Django's own renders."""

import pytest
from django.conf import settings
from django.template import Context, Engine, Template
from django.test import override_settings
from django.urls import NoReverseMatch, get_script_prefix, path, reverse
from django.utils.translation import get_language

from marketplace.templatetags import url_memo


def ours(source, **context):
    return Template("{% load i18n %}" + source).render(Context(context))


def djangos(source, **context):
    engine = Engine(libraries={"i18n": "django.templatetags.i18n"})
    return engine.from_string("{% load i18n %}" + source).render(Context(context))


def test_the_site_renders_url_with_our_remembering_node():
    template = Template("{% url 'catalog:product-list' %}")
    assert isinstance(template.nodelist[0], url_memo.RememberingURLNode)


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'catalog:product-list' %}",
        "{% url 'search:search' %}",
        "{% url name %}",
        "{% url 'orders:detail' 5 %}",
        "{% url 'orders:detail' pk=7 %}",
        "{% url 'wagtail_serve' 'clusters/' %}",
        "{% url 'orders:detail' 5 as link %}[{{ link }}]",
        "{% url 'no-such-name' as link %}[{{ link }}]",
    ],
)
def test_renders_as_djangos_own_url_tag(source):
    assert ours(source, name="orders:cart") == djangos(source, name="orders:cart")


def test_a_reversal_with_literal_arguments_is_remembered_with_them():
    url_memo.forget()
    arguments = (("clusters/",), ())
    key = ("wagtail_serve", arguments, None, settings.ROOT_URLCONF, get_script_prefix(), get_language())
    url_memo._remembered[key] = "/remembered/"
    try:
        assert ours("{% url 'wagtail_serve' 'clusters/' %}") == "/remembered/"
        assert ours("{% url 'wagtail_serve' 'stories/' %}") == reverse("wagtail_serve", args=["stories/"])
    finally:
        url_memo.forget()


def test_a_variable_argument_is_reversed_each_time():
    template = "{% url 'orders:detail' pk %}"

    assert ours(template, pk=5) == reverse("orders:detail", args=[5])
    assert ours(template, pk=6) == reverse("orders:detail", args=[6])


def test_a_name_that_does_not_reverse_raises_as_in_django():
    with pytest.raises(NoReverseMatch):
        ours("{% url 'no-such-name' %}")


def test_a_remembered_url_is_escaped_where_autoescape_is_on_and_raw_where_it_is_off():
    url_memo.forget()
    key = ("catalog:product-list", ((), ()), None, settings.ROOT_URLCONF, get_script_prefix(), get_language())
    url_memo._remembered[key] = "/a?b=1&c=2"
    try:
        assert ours("{% url 'catalog:product-list' %}") == "/a?b=1&amp;c=2"
        assert ours("{% autoescape off %}{% url 'catalog:product-list' %}{% endautoescape %}") == "/a?b=1&c=2"
    finally:
        url_memo.forget()


urlpatterns = [path("elsewhere/", lambda request: None, name="product-list-elsewhere")]


def test_another_urlconf_is_not_served_from_what_was_remembered_for_the_first():
    first = ours("{% url 'catalog:product-list' %}")
    assert first == reverse("catalog:product-list")
    with override_settings(ROOT_URLCONF=__name__):
        assert ours("{% url 'product-list-elsewhere' %}") == "/elsewhere/"
        with pytest.raises(NoReverseMatch):
            ours("{% url 'catalog:product-list' %}")
