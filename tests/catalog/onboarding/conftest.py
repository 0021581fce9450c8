import pytest

from .factories import ApplicantFactory


@pytest.fixture
def applicant(db):
    return ApplicantFactory()
