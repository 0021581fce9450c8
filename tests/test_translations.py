"""The artisan's side is fully in Urdu (issue 19, "Urdu, all of it").

Which pages are the artisan's (and their cluster coordinator's) is ARTISAN_SOURCES: a msgid counts as
artisan-facing when one of its references (the "#:" lines of the catalogue) is in one of these paths. For
those, the committed catalogue must have a translation, none of them fuzzy, and `makemessages` run now must
find no msgid that the catalogue lacks (a string added to a template without its Urdu fails here, naming the
file). The compiled catalogue is what `make messages` (run by `make run` and `make test`) builds from the
committed one. Buyer-only and operator-only strings may stay untranslated: they fall back to English.
"""

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "ur" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# fnmatch patterns: "*" also crosses "/", so "catalog/sell/*" covers every file below catalog/sell/.
ARTISAN_SOURCES = [
    # The base layout, error pages, sign-up, log in, password reset, profile, and their emails.
    "marketplace/templates/*",
    "marketplace/accounts/*",
    # The form fields and validators every form of the artisan's pages uses.
    "marketplace/numbers.py",
    "marketplace/formfields.py",
    "marketplace/currency.py",
    "marketplace/text.py",
    "marketplace/workflow.py",
    # /sell/: the dashboard, product forms and photos; the catalogue's fields, choices and their errors.
    "catalog/templates/catalog/sell/*",
    "catalog/templates/catalog/includes/nav_sell.html",
    "catalog/sell/*",
    "catalog/review_requests/*",
    "orders/seller_status.py",
    "catalog/models.py",
    "catalog/photos.py",
    "catalog/reference.py",
    "catalog/services.py",
    "catalog/documents.py",
    "catalog/certification_models.py",
    "catalog/membership_models.py",
    "catalog/onboarding_models.py",
    "catalog/taxonomy_models.py",
    # Issue 19's other parts: joining, members and coordinators, bulk listings, the storefront editor.
    "catalog/onboarding/*",
    "catalog/members/*",
    "catalog/bulk/*",
    "catalog/templates/catalog/onboarding/*",
    "catalog/templates/catalog/members/*",
    "catalog/templates/catalog/bulk/*",
    "cms/storefront_editing/*",
    "cms/templates/cms/storefront_editing/*",
    # The supplier's side of the trade: inbox and threads, RFQ feed and quotes, capacity offers, emails.
    "orders/trade/templates/trade/inbox.html",
    "orders/trade/templates/trade/thread.html",
    "orders/trade/templates/trade/sell_*",
    "orders/trade/templates/trade/subcontract_list.html",
    "orders/trade/templates/trade/subcontract_detail.html",
    "orders/trade/templates/trade/subcontract_offer.html",
    "orders/trade/templates/trade/includes/*",
    "orders/trade/forms.py",
    "orders/trade/units.py",
    "orders/trade/notifications.py",
    "orders/trade/services/*",
    "orders/trade/models/*",
    "orders/trade/views/*",
    # Orders to fulfil, shipping, export documents, balance, ledger and payout details.
    "orders/templates/orders/sell_*",
    "orders/templates/orders/payout_account.html",
    "orders/templates/orders/ship.html",
    "orders/templates/orders/order_detail.html",
    "orders/templates/orders/documents/*",
    "orders/templates/orders/includes/*",
    "orders/ledger/*",
    "orders/documents/*",
    "orders/forms.py",
    "orders/models/*",
    "orders/lifecycle.py",
    "orders/views/seller.py",
    "orders/cancellation.py",
    # Issue 20: leads captured at the booth and followed up; advances the owner asks on an order.
    "orders/trade/leads/capture.py",
    "orders/financing/views.py",
    "orders/financing/forms.py",
    "orders/financing/services.py",
    "orders/templates/orders/financing/request_advance.html",
]

# Everything makemessages must not read: not ours, or not source.
NOT_SOURCE = [
    ".venv",
    ".git",
    "node_modules",
    "staticfiles",
    "media",
    "private_media",
    "bench",
    ".pytest_cache",
]


def read_catalogue(path):
    """The entries of a .po file: dicts with msgid, msgid_plural, the translations, the flags and the source
    files of the "#:" references. Enough of the format for makemessages' output (no polib here)."""
    entries, entry, field = [], None, None
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"msgid": "", "msgid_plural": None, "msgstr": [], "flags": set(), "sources": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry["sources"].update(ref.rsplit(":", 1)[0] for ref in line[2:].split())
        elif line.startswith("#"):
            continue
        else:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            text = _unquote(match.group(2) if match else line)
            if match:
                field = match.group(1)
                if field.startswith("msgstr"):
                    entry["msgstr"].append("")
                elif field != "msgctxt":
                    entry[field] = ""
            if field.startswith("msgstr"):
                entry["msgstr"][-1] += text
            elif field != "msgctxt":
                entry[field] += text
    return [entry for entry in entries if entry["msgid"]]  # not the header


def _unquote(quoted):
    return quoted.strip()[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def artisan_facing(entry):
    return any(fnmatch.fnmatch(source, pattern) for source in entry["sources"] for pattern in ARTISAN_SOURCES)


def problems(entries):
    """ "path: msgid (what is wrong)" for each artisan-facing entry without a usable Urdu translation."""
    found = []
    for entry in filter(artisan_facing, entries):
        where = sorted(entry["sources"])[0]
        if "fuzzy" in entry["flags"]:
            found.append(f"{where}: {entry['msgid']!r} (fuzzy)")
        elif not entry["msgstr"] or not all(entry["msgstr"]):
            found.append(f"{where}: {entry['msgid']!r} (untranslated)")
    return found


def test_the_urdu_catalogue_translates_every_artisan_facing_string():
    entries = read_catalogue(CATALOGUE)
    assert sum(map(artisan_facing, entries)) > 700  # the paths above still match the catalogue's references
    assert problems(entries) == []


def test_no_artisan_facing_string_of_the_code_is_missing_from_the_catalogue(tmp_path):
    """makemessages on a copy of the sources: a string new (or changed) in an artisan's template or module
    comes out untranslated or fuzzy there, and fails here with its file."""
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.fail("gettext is needed (apt-get install gettext): see the README's set-up")
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE, "*.mo", "__pycache__"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ur", "--no-obsolete"]
        + [f"--ignore={name}" for name in NOT_SOURCE],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    regenerated = read_catalogue(copy / "locale" / "ur" / "LC_MESSAGES" / "django.po")
    assert problems(regenerated) == []


def test_the_placeholders_of_every_translation_are_the_msgids():
    """A translation that drops or misspells %(name)s raises KeyError on the page: a 500 for Urdu readers
    only."""
    placeholder = re.compile(r"%\(\w+\)[sd]|%%")
    wrong = []
    for entry in read_catalogue(CATALOGUE):
        expected = set(placeholder.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for text in filter(None, entry["msgstr"]):
            if not set(placeholder.findall(text)) <= expected:
                wrong.append((entry["msgid"], text))
    assert wrong == []


def test_the_compiled_catalogue_is_the_committed_one_compiled(tmp_path):
    """`make messages` (which `make run` and `make test` run first) compiled it from the .po as it is now."""
    assert COMPILED.exists(), "locale/ur/LC_MESSAGES/django.mo is missing: run `make messages`"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", fresh, CATALOGUE], check=True)
    assert COMPILED.read_bytes() == fresh.read_bytes(), "django.mo is stale: run `make messages`"
    with translation.override("ur"):
        assert translation.gettext("Log in") == "لاگ اِن"
        assert translation.ngettext("%(n)s pair", "%(n)s pairs", 2) % {"n": 2} == "2 جوڑے"


@pytest.mark.django_db
def test_the_sellers_dashboard_is_in_urdu_right_to_left(client_for, artisan):
    client = client_for(artisan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    text = client.get(reverse("sell:dashboard")).content.decode()
    assert '<html lang="ur" dir="rtl">' in text
    assert "<h1>آپ کی لسٹنگز</h1>" in text
    assert ">لاگ آؤٹ</button>" in text


STYLESHEETS = sorted(ROOT.glob("*/static/**/*.css")) + sorted(ROOT.glob("*/*/static/**/*.css"))


def test_no_web_font_is_downloaded_and_urdu_has_its_nastaliq_then_naskh_font_stack():
    """An artisan's phone on a slow network downloads no font: the device's own Nastaliq, else Naskh."""
    assert STYLESHEETS
    for sheet in STYLESHEETS:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S)  # the rules, not what comments say
        assert "@font-face" not in css and "@import" not in css, sheet
        assert not re.search(r"url\([^)]*\.(woff2?|ttf|otf|eot)", css), sheet
    site = (ROOT / "marketplace" / "static" / "css" / "site.css").read_text()
    stack = re.search(r":lang\(ur\)\{font-family:([^;}]+)", site).group(1)
    fonts = [name.strip().strip('"') for name in stack.split(",")]
    assert fonts[0] == "Noto Nastaliq Urdu"
    assert fonts.index("Noto Naskh Arabic") > fonts.index("Jameel Noori Nastaleeq")
    assert fonts[-1] == "sans-serif"
    templates = (ROOT / "marketplace" / "templates" / "base.html").read_text()
    assert "fonts.googleapis" not in templates and "@font-face" not in templates


def test_the_stylesheet_lays_out_by_logical_sides_not_left_and_right():
    """Right to left, "left" is the wrong side: tables, error lists, quotes and badges use start/end."""
    site = (ROOT / "marketplace" / "static" / "css" / "site.css").read_text()
    rules = re.sub(r"/\*.*?\*/", "", site, flags=re.S)
    assert not re.search(r"(margin|padding|border)-(left|right)\b|text-align:\s*(left|right)", rules)
