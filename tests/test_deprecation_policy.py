"""Deprecations during tests (pyproject.toml, filterwarnings): ours are errors, other projects' are ignored,
and Django's and Wagtail's removal warnings are errors wherever they are attributed.

Each warning is issued as if from `module`, the way Python attributes a warning to the frame that issued it
(or the caller `stacklevel` frames up).
"""

import warnings

import pytest
from django.utils.deprecation import RemovedInDjango60Warning, RemovedInDjango61Warning
from wagtail.utils.deprecation import RemovedInWagtail90Warning, RemovedInWagtail100Warning


def warn_from(module, category):
    warnings.warn_explicit("old API", category, f"{module.replace('.', '/')}.py", 1, module=module)


OUR_MODULES = ["marketplace", "catalog.services", "orders.services.payments", "search.query", "cms.models"]


@pytest.mark.parametrize("module", [*OUR_MODULES, "tests.catalog.test_pages"])
@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
def test_a_deprecation_issued_from_our_code_is_an_error(module, category):
    with pytest.raises(category):
        warn_from(module, category)


THEIR_MODULES = ["stripe._http_client", "elasticsearch.client", "catalogue.models", "cmsx"]  # no prefixes


@pytest.mark.parametrize("module", THEIR_MODULES)
@pytest.mark.parametrize("category", [DeprecationWarning, PendingDeprecationWarning])
def test_a_deprecation_issued_from_another_project_is_ignored(module, category):
    with warnings.catch_warnings(record=True) as shown:
        warn_from(module, category)

    assert shown == []


REMOVAL_WARNINGS = [
    RemovedInDjango60Warning,
    RemovedInDjango61Warning,
    RemovedInWagtail90Warning,
    RemovedInWagtail100Warning,
]


@pytest.mark.parametrize("category", REMOVAL_WARNINGS)
def test_a_django_or_wagtail_removal_warning_is_an_error_even_attributed_to_their_code(category):
    with pytest.raises(category):
        warn_from("django.db.models.fields", category)
