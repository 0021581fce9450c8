"""Search fixtures: a noida-db stand-in for Elasticsearch (or ELASTICSEARCH_URL), and the backend switch."""

import os
import uuid

import pytest

from search import services
from tests.ci_rules import skip_or_fail

from .elasticsearch_standin import NOIDA, running_standin


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    """ELASTICSEARCH_URL when set; otherwise a fresh noida-db on a free loopback port, stopped at the end."""
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    if not NOIDA.exists():
        skip_or_fail("noida-db is not installed (pip install noida-db==0.2.3)")
    with running_standin(tmp_path_factory.mktemp("noida")) as url:
        yield url


@pytest.fixture(params=["database", "elasticsearch"])
def backend_name(request, settings):
    """Runs a test once per backend; each Elasticsearch test gets its own alias so tests never share data."""
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = request.getfixturevalue("elasticsearch_url")
        settings.ELASTICSEARCH_INDEX = f"test-products-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def reindex(db):
    """reindex(): index every visible product into the active backends, as `search_index rebuild` does."""

    def run():
        for backend in services.active_backends():
            services.rebuild_index(backend)

    return run
