import pytest

from tests.factories import CategoryFactory, MaterialFactory, MembershipFactory, SupplierFactory


@pytest.fixture
def ceramics(db):
    return CategoryFactory(name="Ceramics", slug="ceramics")


@pytest.fixture
def clay(db):
    return MaterialFactory(name="Clay")


@pytest.fixture
def supplier(db, ceramics, clay):
    return SupplierFactory(name="Multan Blue Pottery", slug="multan-blue-pottery")


@pytest.fixture
def owner(supplier):
    return MembershipFactory(supplier=supplier, role="owner").user


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client
