"""The layers hold in templates and links too, where import-linter does not look.

The layers are the import-linter contracts of pyproject.toml: the core (marketplace) < catalog < search |
cms | orders, and orders.trade above the rest of orders. A template belongs to the app whose folder holds it;
it may load tag libraries, include or extend templates and name URLs of its own app or of a layer below,
never of a peer or of a layer above: what those add to its page comes through slots (marketplace.slots).
Owners are found the way Django finds things (the engine's template folders and tag libraries, the URL
resolver's namespaces); anything of an installed package (Django, Wagtail) is allowed.

And every link is a name: {% url %}, reverse() or get_absolute_url(), never a path literal ("/cart/"), in
templates or in Python (URLconfs and tests aside).
"""

import ast
import re
import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.template.base import Lexer, TokenType
from django.urls import URLResolver, get_resolver

from marketplace import slots

BASE_DIR = Path(settings.BASE_DIR).resolve()

# Path literals waiting for a change outside this work (each one: where, the literal, what replaces it).
PENDING_PATH_LITERALS: dict[tuple[str, str], str] = {}


# --- Who owns what ---------------------------------------------------------------------------------------
@cache
def may_use() -> dict[str, frozenset[str]]:
    """Each layer (a package) and the packages it may use besides itself, from pyproject.toml's contracts."""
    config = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]
    contracts = {contract["id"]: contract for contract in config["contracts"]}
    layers = [[name.strip() for name in layer.split("|")] for layer in contracts["layers"]["layers"]]
    rules = {}
    for depth, layer in enumerate(layers):  # top first
        for package in layer:
            rules[package] = frozenset(lower for below in layers[depth + 1 :] for lower in below)
    # "Nothing else in orders uses orders.trade": orders.trade sits on orders, which it may use.
    for upper in contracts["trade-above-orders"]["forbidden_modules"]:
        parent = upper.rpartition(".")[0]
        rules[upper] = rules[parent] | {parent}
        for package, used in rules.items():  # a layer above orders (the API) may use orders.trade as well
            if parent in used and package != upper:
                rules[package] = used | {upper}
    # The API sits on top but leaves out the cms, as nothing else uses it.
    api_not_cms = contracts["api-not-cms"]
    for source in api_not_cms["source_modules"]:
        rules[source] = rules[source] - set(api_not_cms["forbidden_modules"])
    return rules


def owner_of_module(dotted: str) -> str | None:
    """The layer a module belongs to (the longest matching package), None for installed packages."""
    matches = [layer for layer in may_use() if dotted == layer or dotted.startswith(layer + ".")]
    return max(matches, key=len, default=None)


def owner_of_path(path) -> str | None:
    path = Path(path).resolve()
    if not path.is_relative_to(BASE_DIR):
        return None
    return owner_of_module(".".join(path.relative_to(BASE_DIR).parts))


def allowed(user: str, used: str | None) -> bool:
    return used is None or used == user or used in may_use()[user]


def django_engine():
    return engines["django"].engine


def our_template_dirs() -> list[Path]:
    dirs = [Path(directory).resolve() for directory in engines["django"].template_dirs]
    return [directory for directory in dirs if owner_of_path(directory)]


def owner_of_template(name: str) -> str | None:
    _template, origin = django_engine().find_template(name)
    return owner_of_path(origin.name)


def owner_of_library(name: str) -> str | None:
    return owner_of_module(django_engine().libraries[name])


@cache
def url_name_modules() -> dict[str, str]:
    """Every URL name ("orders:cart-add", "login") and the URLconf module that defines it."""
    names = {}

    def walk(patterns, namespaces, module):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, inner, getattr(pattern.urlconf_module, "__name__", module))
            elif pattern.name:
                names.setdefault(":".join([*namespaces, pattern.name]), module)

    walk(get_resolver().url_patterns, [], settings.ROOT_URLCONF)
    return names


# --- Reading templates -----------------------------------------------------------------------------------
LINK_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|action|formaction|poster|data-[\w-]+)\s*=\s*["']?(/[^"'\s>]*)"""
)
# A quoted path anywhere (a script's fetch("/search/suggest/"), say), besides attributes' values.
QUOTED_PATH = re.compile(r"""["'](/[A-Za-z][\w-]*/[^"'\s]*)["']""")


def is_path_literal(value: str) -> bool:
    """A link to one of our pages written as a path. The site's root ("/") is no app's page; static and media
    files and protocol-relative URLs ("//cdn...") are not pages."""
    assets = (settings.STATIC_URL, settings.MEDIA_URL, "//")
    return value != "/" and not value.startswith(assets)


def template_tokens(source: str):
    """The template's tokens, without comments (their text is no code)."""
    skipping_until = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.COMMENT:
            continue
        if skipping_until:
            if token.token_type == TokenType.BLOCK and token.contents == skipping_until:
                skipping_until = None
            continue
        if token.token_type == TokenType.BLOCK and token.contents.split()[0] in ("comment", "verbatim"):
            skipping_until = "end" + token.contents.split()[0]
            continue
        yield token


def unquoted(bit: str) -> str | None:
    return bit[1:-1] if len(bit) > 1 and bit[0] == bit[-1] and bit[0] in "'\"" else None


def violations_in_template(source: str, owner: str) -> list[str]:
    """What a template owned by `owner` does against the layers, one line per finding."""
    found = []
    for token in template_tokens(source):
        where = f"line {token.lineno}"
        if token.token_type == TokenType.TEXT:
            literals = {
                match.start(1): match[1]
                for pattern in (LINK_ATTRIBUTE, QUOTED_PATH)
                for match in pattern.finditer(token.contents)
            }
            for start, literal in sorted(literals.items()):
                line = token.lineno + token.contents[:start].count("\n")
                if is_path_literal(literal):
                    found.append(f"line {line}: path literal {literal!r}: use {{% url %}}")
            continue
        if token.token_type != TokenType.BLOCK:
            continue
        tag, *args = token.split_contents()
        if tag == "load":
            for library in args[-1:] if "from" in args else args:
                if library not in django_engine().libraries:
                    found.append(f"{where}: loads {library!r}, which does not exist")
                elif not allowed(owner, owner_of_library(library)):
                    found.append(f"{where}: loads {library!r} of {owner_of_library(library)}")
        elif tag in ("include", "extends") and unquoted(args[0]):
            name = unquoted(args[0])
            try:
                used = owner_of_template(name)
            except TemplateDoesNotExist:
                found.append(f"{where}: {tag}s {name!r}, which does not exist")
                continue
            if not allowed(owner, used):
                found.append(f"{where}: {tag}s {name!r} of {used}")
        elif tag == "url":
            name = unquoted(args[0])
            if name is None:
                found.append(f"{where}: {{% url {args[0]} %}}: name URLs literally, so their layer shows")
            elif name not in url_name_modules():
                # `{% url 'name' as var %}` is Django's guarded link: a missing name renders nothing (the
                # profile's link to pages another change adds), so only a bare {% url %} must name one.
                if args[-2:-1] != ["as"]:
                    found.append(f"{where}: {{% url {name!r} %}}: no such URL name")
            elif not allowed(owner, used := owner_of_module(url_name_modules()[name])):
                found.append(f"{where}: {{% url {name!r} %}} of {used}")
    return found


def our_templates():
    for directory in our_template_dirs():
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                yield path, owner_of_path(directory)


# --- Reading Python --------------------------------------------------------------------------------------
PATH_IN_TEXT = re.compile(r"(?:^|(?<=[\s(=]))/[A-Za-z][\w-]*/")
URL_PATTERN_CALLS = {"path", "re_path"}


def our_python_files():
    for layer in may_use():
        if "." in layer:
            continue  # a sub-package: walked with its parent
        for path in sorted((BASE_DIR / layer).rglob("*.py")):
            if "migrations" not in path.parts and path.name != "urls.py":
                yield path


def path_literals_in_python(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string (f-string parts too) holding a path of the site; docstrings aside."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    # URL patterns (path("ops/orders/<int:pk>/", ...)) may be written anywhere: Wagtail hooks register some.
    patterns = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None)) in URL_PATTERN_CALLS
        and node.args
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | patterns
        ):
            found += [
                (node.lineno, path) for path in PATH_IN_TEXT.findall(node.value) if is_path_literal(path)
            ]
    return found


def python_path_literals() -> dict[tuple[str, str], int]:
    found = {}
    for path in our_python_files():
        for line, literal in path_literals_in_python(path.read_text()):
            found.setdefault((str(path.relative_to(BASE_DIR)), literal), line)
    return found


# --- The project keeps the layers ------------------------------------------------------------------------
def test_the_layers_are_import_linters():
    rules = may_use()
    assert rules["marketplace"] == set()
    assert rules["catalog"] == {"marketplace"}
    assert rules["search"] == rules["cms"] == rules["orders"] == {"marketplace", "catalog"}
    assert rules["orders.trade"] == {"marketplace", "catalog", "orders"}
    assert rules["api"] == {"marketplace", "catalog", "search", "orders", "orders.trade"}


def test_our_template_folders_are_found_with_their_owners():
    owners = {
        str(directory.relative_to(BASE_DIR)): owner_of_path(directory) for directory in our_template_dirs()
    }
    assert owners == {
        "marketplace/templates": "marketplace",
        "catalog/templates": "catalog",
        "cms/templates": "cms",
        "search/templates": "search",
        "orders/templates": "orders",
        "orders/trade/templates": "orders.trade",
        "api/templates": "api",
    }


def test_templates_use_only_their_own_layer_and_the_layers_below():
    found = []
    for path, owner in our_templates():
        found += [
            f"{path.relative_to(BASE_DIR)} {line}" for line in violations_in_template(path.read_text(), owner)
        ]
    assert found == [], "\n".join(["What other layers add comes through slots (marketplace.slots):", *found])


def test_python_links_by_url_name_not_by_path():
    found = python_path_literals()
    unexpected = [f"{path}:{line}: {literal!r}" for (path, literal), line in found.items()
                  if (path, literal) not in PENDING_PATH_LITERALS]  # fmt: skip
    assert unexpected == [], "\n".join(["Use reverse() or get_absolute_url(), not a path:", *unexpected])


def test_pending_path_literals_are_still_pending():
    """Fixed one? Delete it from PENDING_PATH_LITERALS, so it cannot come back unnoticed."""
    assert set(PENDING_PATH_LITERALS) <= set(python_path_literals())


def test_every_slot_a_template_declares_is_filled_and_every_filler_has_its_slot():
    declared = set()
    for path, _owner in our_templates():
        for token in template_tokens(path.read_text()):
            if token.token_type == TokenType.BLOCK and token.split_contents()[0] in ("slot", "slot_version"):
                declared.add(unquoted(token.split_contents()[1]))
    registered = slots.registered()
    assert declared == set(registered)
    for fillers in registered.values():
        for filler in fillers:
            django_engine().get_template(filler.template_name)


# --- The checks find what they must ----------------------------------------------------------------------
def test_a_catalog_template_naming_trade_or_orders_is_caught():
    source = """{% load i18n trade_stats %}{% include "trade/includes/responsiveness.html" %}
{% comment %}{% url "orders:cart" %} in a comment is no code{% endcomment %}
<form action="{% url 'orders:cart-add' %}"></form><a href="/inbox/new/?supplier={{ s }}">{% url name %}</a>
<a href="/">home</a><img src="/static/x.png"><a href="{% url 'catalog:product-list' %}">"""

    assert violations_in_template(source, "catalog") == [
        "line 1: loads 'trade_stats' of orders.trade",
        "line 1: includes 'trade/includes/responsiveness.html' of orders.trade",
        "line 3: {% url 'orders:cart-add' %} of orders",
        "line 3: path literal '/inbox/new/?supplier=': use {% url %}",
        "line 3: {% url name %}: name URLs literally, so their layer shows",
    ]


def test_orders_templates_may_not_name_trade_but_trade_may_name_orders():
    source = "{% url 'trade:inbox' %}{% url 'orders:detail' 1 %}"
    assert violations_in_template(source, "orders") == ["line 1: {% url 'trade:inbox' %} of orders.trade"]
    assert violations_in_template(source, "orders.trade") == []


def test_python_path_literals_are_caught_in_strings_and_f_strings_but_not_docstrings():
    source = '''"""Served at /cart/."""
CART = "/cart/"
def url(order):
    """The page at /orders/<pk>/."""
    return f"/orders/{order.pk}/", _("Read the reply at /inbox/%(id)s/"), "/static/x.css", "a/b/", "/"
'''
    assert path_literals_in_python(source) == [(2, "/cart/"), (5, "/orders/"), (5, "/inbox/")]
