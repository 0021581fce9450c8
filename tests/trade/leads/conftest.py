"""Fixtures of the lead capture and badge import tests: an expo and `supplier` at a booth of it."""

import pytest

from .expo import EventFactory, ExhibitorFactory


@pytest.fixture
def expo(db):
    return EventFactory(name="Made in Pakistan - SME Cluster Showcase Expo", slug="expo-2026")


@pytest.fixture
def at_booth(expo, supplier):
    """`supplier` (whose owner is `artisan`) exhibits at `expo`, booth B-12."""
    return ExhibitorFactory(event=expo, supplier=supplier, booth="B-12")
