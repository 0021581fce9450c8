"""The category tree: one place says what lies above a category and what lies below it."""

import pytest

from catalog.models import Product
from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_ancestor_paths_run_from_the_root_to_the_category_itself():
    home = CategoryFactory(slug="home")
    ceramics = CategoryFactory(slug="ceramics", parent=home)
    vases = CategoryFactory(slug="vases", parent=ceramics)
    assert vases.ancestor_paths() == ["home", "home/ceramics", "home/ceramics/vases"]


def test_a_root_categorys_only_ancestor_path_is_its_own():
    assert CategoryFactory(slug="home").ancestor_paths() == ["home"]


def test_a_category_holds_the_products_of_every_category_below_it():
    home = CategoryFactory(slug="home")
    vase = ProductFactory(category=CategoryFactory(slug="vases", parent=CategoryFactory(parent=home)))
    lamp = ProductFactory(category=home)
    assert set(Product.objects.in_category(home)) == {vase, lamp}


def test_a_category_leaves_out_a_sibling_whose_slug_starts_the_same():
    home = CategoryFactory(slug="home")
    ProductFactory(category=CategoryFactory(slug="home-textiles"))
    assert not Product.objects.in_category(home).exists()
