"""Supplier responsiveness: response rate and median first-response time from records of the last 90 days."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from orders.trade.models import Quote, RFQInvitation, Thread
from orders.trade.services.responsiveness import responsiveness

from .factories import QuoteFactory, RFQFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def thread_answered_after(supplier, hours, days_ago=1):
    asked = timezone.now() - timedelta(days=days_ago)
    thread = ThreadFactory(supplier=supplier)
    Thread.objects.filter(pk=thread.pk).update(
        created_at=asked, first_response_at=asked + timedelta(hours=hours) if hours is not None else None
    )


def test_rate_and_median_over_inquiries_and_rfqs(supplier):
    thread_answered_after(supplier, 2)
    thread_answered_after(supplier, 10)
    thread_answered_after(supplier, None)
    rfq = RFQFactory()
    RFQInvitation.objects.create(rfq=rfq, supplier=supplier)
    quote = QuoteFactory(rfq=rfq, supplier=supplier)
    invitation_time = RFQInvitation.objects.get().created_at
    Quote.objects.filter(pk=quote.pk).update(created_at=invitation_time + timedelta(hours=4))
    figures = responsiveness(supplier.pk, now=timezone.now())
    assert (figures["asked"], figures["answered"], figures["rate"], figures["median_hours"]) == (
        4,
        3,
        75,
        4.0,
    )


def test_records_older_than_90_days_do_not_count(supplier):
    thread_answered_after(supplier, None, days_ago=120)
    assert responsiveness(supplier.pk, now=timezone.now())["asked"] == 0


def test_template_tag_renders_the_figures(supplier):
    thread_answered_after(supplier, 3)
    html = Template(
        "{% load trade_stats %}{% supplier_responsiveness supplier as r %}{{ r.rate }}% {{ r.median_hours }}h"
    ).render(Context({"supplier": supplier}))
    assert html == "100% 3.0h"


def test_card_include_shows_rate_and_typical_time(supplier):
    from django.template.loader import render_to_string

    thread_answered_after(supplier, 5)
    html = render_to_string("trade/includes/responsiveness.html", {"supplier": supplier})
    assert "Answers 100% of inquiries and RFQs" in html and "within 5.0 h" in html


def test_card_include_is_cached_so_a_second_card_costs_no_query(supplier, django_assert_num_queries):
    from django.template.loader import render_to_string

    render_to_string("trade/includes/responsiveness.html", {"supplier": supplier})
    with django_assert_num_queries(0):
        render_to_string("trade/includes/responsiveness.html", {"supplier": supplier})
