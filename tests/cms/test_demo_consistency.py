"""The demo marketplace agrees with itself (issue 18): a storefront's head count fits its supplier's size,
samples are promised only by suppliers whose listings offer them, no supplier lists a title twice, every
listing follows the catalog's rules, and the site's own pages are there and linked.

The demo is built once for the module, its facts read as plain data, and everything rolled back.
"""

import re
from collections import Counter

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from catalog.checks import catalog_problems
from catalog.models import Product, Supplier
from catalog.reference import SUPPLIER_SIZE_PEOPLE
from cms.demo import data
from cms.demo.builder import build_demo
from cms.models import ContentPage, FooterLink, HeaderLink, StoryPage

# Marked so pytest-django sets up the test database, which the module's demo fixture uses before any test.
pytestmark = pytest.mark.django_db

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
# "8 women", "forty women", "12 skilled workers": how many people a text says work there.
HEAD_COUNT = re.compile(
    rf"\b(\d+|{'|'.join(NUMBER_WORDS)})\s+(?:skilled\s+)?(?:women|people|artisans|workers)\b", re.I
)
PROMISES_SAMPLES = re.compile(r"\bsamples? (?:ship|available|on request)", re.I)


class Rollback(Exception):
    pass


def head_counts(text):
    return [int(n) if n.isdigit() else NUMBER_WORDS[n.lower()] for n in HEAD_COUNT.findall(text)]


def _text(blocks):
    parts = []
    for block in blocks:
        value = block.value
        if block.block_type == "fact":
            parts.append(f"{value['figure']} {value['label']}")
        elif block.block_type == "quote":
            parts.append(value["text"])
        else:
            parts.append(str(getattr(value, "source", value)))
    return " ".join(parts)


def _facts():
    suppliers = {}
    # Suppliers still applying (the demo's applicant and onboarded artisan) have no storefront yet.
    for supplier in Supplier.objects.filter(storefront__isnull=False).select_related("storefront"):
        listings = Product.objects.visible().filter(supplier=supplier)
        suppliers[supplier.name] = {
            "size": supplier.size,
            "tagline": supplier.tagline,
            "story": _text(supplier.storefront.story),
            "offers_samples": listings.filter(sample_available=True).exists(),
            "titles": list(Product.objects.filter(supplier=supplier).values_list("title", flat=True)),
        }
    stories = [f"{page.summary} {_text(page.body)}" for page in StoryPage.objects.all()]
    return {
        "suppliers": suppliers,
        "stories": stories,
        "catalog_problems": catalog_problems(),
        "site_pages": set(ContentPage.objects.live().values_list("slug", flat=True)),
        "header": list(HeaderLink.objects.order_by("sort_order").values_list("page__slug", flat=True)),
        "footer": list(FooterLink.objects.order_by("sort_order").values_list("page__slug", flat=True)),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media / "public",
            PRIVATE_MEDIA_ROOT=media / "private",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            # The site's queues kept: a task module first imported here (search.tasks) declares them.
            TASKS={
                "default": {
                    "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                    "QUEUES": settings.TASKS["default"]["QUEUES"],
                }
            },
        ),
    ):
        try:
            with transaction.atomic():
                build_demo()
                facts = _facts()
                raise Rollback
        except Rollback:
            return facts


def test_every_storefront_head_count_fits_its_suppliers_size(demo):
    for name, supplier in demo["suppliers"].items():
        fewest, most = SUPPLIER_SIZE_PEOPLE[supplier["size"]]
        counts = head_counts(f"{supplier['tagline']} {supplier['story']}")
        assert counts, name
        assert all(fewest <= count <= most for count in counts), (name, supplier["size"], counts)


def test_the_story_of_the_demo_artisans_workshop_fits_its_size(demo):
    artisan = demo["suppliers"][data.ARTISAN_SUPPLIER]
    fewest, most = SUPPLIER_SIZE_PEOPLE[artisan["size"]]
    counts = [count for story in demo["stories"] for count in head_counts(story)]
    assert counts and all(fewest <= count <= most for count in counts), counts


def test_only_suppliers_whose_listings_offer_samples_promise_them(demo):
    promising = {name for name, s in demo["suppliers"].items() if PROMISES_SAMPLES.search(s["story"])}
    offering = {name for name, s in demo["suppliers"].items() if s["offers_samples"]}
    assert promising <= offering
    assert promising  # the check has something to check


def test_no_supplier_lists_the_same_title_twice(demo):
    repeated = {
        name: [title for title, n in Counter(s["titles"]).items() if n > 1]
        for name, s in demo["suppliers"].items()
    }
    assert {name: titles for name, titles in repeated.items() if titles} == {}


def test_every_demo_listing_follows_the_catalog_rules(demo):
    assert demo["catalog_problems"] == []


def test_the_sites_own_pages_are_built_and_linked_from_the_header_and_footer(demo):
    assert demo["site_pages"] == {"about", "contact", "terms", "privacy"}
    assert demo["header"] == ["about", "contact"]
    assert demo["footer"] == ["about", "contact", "terms", "privacy"]
