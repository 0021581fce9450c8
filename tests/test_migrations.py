"""Models and migrations agree: a model change without its migration (or a hand-written state operation
that does not match the model, as in moving SupplierMembership to the catalog) fails here, not in deploy."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
