"""Lenders, officers and advances for the financing tests, built through the services."""

from datetime import date
from decimal import Decimal

from orders.financing.models import Lender, LenderOfficer
from orders.financing.services import approve_advance, disburse_advance, request_advance
from tests.factories import UserFactory


def make_lender(name="Akhuwat", *, percent="60", fee="0", currencies=("USD", "PKR"), slug=None):
    return Lender.objects.create(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        kind=Lender.Kind.ISLAMIC_MICROFINANCE,
        max_advance_percent=Decimal(percent),
        fee_percent=Decimal(fee),
        currencies=list(currencies),
    )


def make_officer(lender):
    user = UserFactory()
    LenderOfficer.objects.create(lender=lender, user=user)
    return user


def requested(order, owner, lender, amount="50.00"):
    return request_advance(
        order.fulfilments.get(), owner, lender=lender, amount=Decimal(amount), consent=True
    )


def disbursed(order, owner, lender, officer, amount="50.00", fee=None):
    advance = requested(order, owner, lender, amount)
    approve_advance(advance, officer, amount=Decimal(amount), fee=None if fee is None else Decimal(fee))
    advance.refresh_from_db()
    disburse_advance(advance, officer, disbursed_on=date(2026, 12, 1), reference="IBFT-1", rail="raast")
    advance.refresh_from_db()
    return advance
