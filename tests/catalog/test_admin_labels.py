"""The curators' product list and inspect page say "Hidden"/"Not hidden", "Yes"/"No": never "False"/"None"."""

import re

import pytest
from django.contrib.auth.models import Group

from cms.permissions import grant_curator_permissions
from marketplace.accounts.models import CURATORS_GROUP
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_curator(curator):
    grant_curator_permissions(Group.objects.get(name=CURATORS_GROUP))
    return curator


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_product_list_labels_the_hidden_column(client_for, admin_curator):
    ProductFactory(title="Shown vase")
    ProductFactory(title="Hidden lamp", hidden_by_curator=True, hidden_reason="Copied photos")
    text = text_of(client_for(admin_curator).get("/admin/snippets/catalog/product/").content.decode())
    assert "Shown vase" in text and "Hidden lamp" in text
    assert "False" not in text and "True" not in text
    assert re.search(r"Shown vase .*? Not hidden", text) and re.search(r"Hidden lamp .*? Hidden ", text)


def test_the_product_inspect_page_says_yes_and_no(client_for, admin_curator):
    product = ProductFactory(title="Shown vase", sample_available=False)
    html = (
        client_for(admin_curator)
        .get(f"/admin/snippets/catalog/product/inspect/{product.pk}/")
        .content.decode()
    )
    text = text_of(html)
    assert "Shown vase" in text
    assert not re.search(r"\b(False|True|None)\b", text)
    assert " No " in text
