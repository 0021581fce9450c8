"""`{% url %}` remembering the reversals of URL names without arguments or with literal ones (a template
builtin).

Why: every link is `{% url %}` (tests/test_layering.py), and Django's `reverse()` costs 20-30 µs a call. The
product page's actions and the header's links reverse about eight argument-less names per view; before they
were path literals, and the reversals made the product page about 15% slower in CPU (bench/README.md). An
argument-less URL never changes while the process runs for the same URLconf, script prefix, language and
current app, so its reversal is kept per that key.

Arguments written in the template as literals (`{% url 'wagtail_serve' 'clusters/' %}`, the header's link to
a Wagtail page) never change either, so those reversals are remembered too, with the arguments in the key.

What it replaces: Django's builtin `url` tag (`django.template.defaulttags.url`, `URLNode`). Each `{% url %}`
with a variable or filtered argument or `as var` goes to Django's `URLNode.render` untouched; the others are
reversed as it does, so escaping, `current_app` and NoReverseMatch behave as Django's (tests/test_url_memo.py
compares both). A Django upgrade must re-check that `URLNode.render` still finds `current_app` as
`_current_app` below does, and that a literal argument is a `FilterExpression` whose `var` is its value.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Library, Variable
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


_NOT_LITERAL = object()


def _literal(expression):
    """The value of a template expression written as a literal ('clusters/', 5), else `_NOT_LITERAL`."""
    if expression.filters or isinstance(expression.var, Variable):
        return _NOT_LITERAL
    return expression.var


class RememberingURLNode(URLNode):
    def __init__(self, view_name, args, kwargs, asvar):
        super().__init__(view_name, args, kwargs, asvar)
        args = tuple(_literal(arg) for arg in args)
        kwargs = tuple((name, _literal(value)) for name, value in sorted(kwargs.items()))
        literal = _NOT_LITERAL not in args and all(value is not _NOT_LITERAL for _name, value in kwargs)
        # What the reversal depends on besides the context, or None when Django's own render must run.
        self.literal_arguments = (args, kwargs) if literal and not asvar else None

    def render(self, context):
        if self.literal_arguments is None:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        current_app = _current_app(context)
        key = (
            view_name,
            self.literal_arguments,
            current_app,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            get_language(),
        )
        url = _remembered.get(key)
        if url is None:
            args, kwargs = self.literal_arguments
            # NoReverseMatch propagates, as in Django's.
            url = reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
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
