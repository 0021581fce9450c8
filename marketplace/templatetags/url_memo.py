"""`{% url %}` with the reversal of argument-less URL names remembered (installed as a template builtin).

Why: every link is `{% url %}` (tests/test_layering.py), and Django's `reverse()` costs 20-30 µs a call. The
product page's actions and the header's links reverse about eight argument-less names per view; before they
were path literals, and the reversals made the product page about 15% slower in CPU (bench/README.md). An
argument-less URL never changes while the process runs for the same URLconf, script prefix, language and
current app, so its reversal is kept per that key.

What it replaces: Django's builtin `url` tag (`django.template.defaulttags.url`, `URLNode`). Each `{% url %}`
with arguments or `as var` goes to Django's `URLNode.render` untouched; the others are reversed as it does,
so escaping, `current_app` and NoReverseMatch behave as Django's (tests/test_url_memo.py compares both). A
Django upgrade must re-check that `URLNode.render` still finds `current_app` as `_current_app` below does.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = Library()

_MAX_REMEMBERED = 2048
_remembered: dict[tuple, str] = {}


def _current_app(context):
    """Where Django's URLNode.render finds the current app (its namespace for reversing)."""
    request = getattr(context, "request", None)
    if request is None:
        return None
    current_app = getattr(request, "current_app", None)
    if current_app is not None:
        return current_app
    match = getattr(request, "resolver_match", None)
    return getattr(match, "namespace", None)


class RememberingURLNode(URLNode):
    def render(self, context):
        if self.args or self.kwargs or self.asvar:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        current_app = _current_app(context)
        key = (
            view_name,
            current_app,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            get_language(),
        )
        url = _remembered.get(key)
        if url is None:
            url = reverse(view_name, current_app=current_app)  # NoReverseMatch propagates, as in Django's
            if len(_remembered) < _MAX_REMEMBERED:
                _remembered[key] = url
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberingURLNode(node.view_name, node.args, node.kwargs, node.asvar)


@receiver(setting_changed)
def _forget_on_urlconf_change(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "LANGUAGE_CODE"):
        _remembered.clear()


def forget():
    """Forget every remembered URL (tests that swap URL patterns at run time call it)."""
    _remembered.clear()
