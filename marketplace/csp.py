"""Content-Security-Policy: the browser runs only the scripts and styles our static files hold.

Every response gets a policy unless its view set one (Wagtail serves images and documents with "default-src
'none'"). The public site's policy, settings.CONTENT_SECURITY_POLICY, allows no inline script, event
handler attribute or inline style: templates load their code from static files (orders/pay.js,
search/suggest.js), and tests/test_csp.py parses every page reachable from the home page to keep it so.
Wagtail's admin, whose templates carry inline scripts and styles, gets CONTENT_SECURITY_POLICY_ADMIN under
its own URL prefix; its page previews keep the public policy but may be framed by the admin.

A page that needs more sources, the pay page loading Stripe.js and its frames, adds them for its own
response with `allow(request, script_src=[...], frame_src=[...])`, so no other page allows them.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

HEADER = "Content-Security-Policy"


def allow(request, **sources: list[str]) -> None:
    """Add `sources` to this response's policy: allow(request, script_src=["https://js.stripe.com"])."""
    extra = request.__dict__.setdefault("_csp_sources", {})
    for name, values in sources.items():
        extra.setdefault(name, []).extend(values)


def header_value(policy: dict[str, list[str]], extra: dict[str, list[str]] | None = None) -> str:
    """The header's text: `policy`'s directives, each with `extra`'s sources added (in order, once).
    Directive names are written as in the header ("script-src") or as keywords ("script_src")."""
    directives = {name: list(sources) for name, sources in policy.items()}
    for name, sources in (extra or {}).items():
        base = directives.setdefault(name.replace("_", "-"), list(policy.get("default-src", [])))
        base += [source for source in sources if source not in base]
        if "'none'" in base and len(base) > 1:
            base.remove("'none'")
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER in response:
            return response
        # Django's technical error pages (DEBUG only) are styled inline: a policy would leave them unreadable.
        if settings.DEBUG and response.status_code >= 400:
            return response
        admin = request.path.startswith(_admin_home())
        policy = settings.CONTENT_SECURITY_POLICY_ADMIN if admin else settings.CONTENT_SECURITY_POLICY
        extra = getattr(request, "_csp_sources", None)
        if getattr(request, "is_dummy", False):
            # Wagtail's page preview: a public page rendered through the middleware for a request Wagtail
            # marks is_dummy (wagtail.models.preview), shown in a frame of the admin. It keeps the public
            # policy, except that the admin (this site) may frame it.
            response[HEADER] = header_value({**policy, "frame-ancestors": ["'self'"]}, extra)
        elif extra:
            response[HEADER] = header_value(policy, extra)
        else:
            response[HEADER] = _settings_header(policy)
        return response


# Every response asks for these two, which are the same until the settings change: remembered, as reverse()
# and the header's joins cost about 1 % of the product page's CPU time (bench/README.md).
_admin_homes: dict[tuple, str] = {}
_settings_headers: dict[int, tuple[dict, str]] = {}


def _admin_home() -> str:
    """reverse("wagtailadmin_home") for the current URLconf and script prefix."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    home = _admin_homes.get(key)
    if home is None:
        home = _admin_homes[key] = reverse("wagtailadmin_home")
    return home


def _settings_header(policy: dict[str, list[str]]) -> str:
    """header_value(policy) of a policy from the settings, kept with the policy itself: a policy the settings
    replace (override_settings) is another object, never mistaken for the one remembered."""
    remembered = _settings_headers.get(id(policy))
    if remembered is None or remembered[0] is not policy:
        remembered = _settings_headers[id(policy)] = (policy, header_value(policy))
    return remembered[1]


@receiver(setting_changed)
def _forget_on_settings_change(*, setting, **kwargs):
    if setting in (
        "ROOT_URLCONF",
        "FORCE_SCRIPT_NAME",
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_ADMIN",
    ):
        _admin_homes.clear()
        _settings_headers.clear()
