"""Curators' admin: read-only trade lists per cluster, hiding a message; nobody else gets in."""

import pytest

from orders.trade.models import Message
from orders.trade.services import inquiries

from .factories import RFQFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/admin/trade_thread/", "/admin/trade_message/", "/admin/trade_rfq/",
                                 "/admin/trade_subcontract/"])  # fmt: skip
def test_curator_sees_trade_lists(client_for, curator, url):
    RFQFactory()
    assert client_for(curator).get(url).status_code == 200


def test_curator_filters_rfqs_by_cluster(client_for, curator, cluster):
    inside, outside = RFQFactory(cluster=cluster), RFQFactory()
    page = client_for(curator).get(f"/admin/trade_rfq/?cluster={cluster.pk}").content.decode()
    assert inside.title in page and outside.title not in page


def test_curator_cannot_edit_or_delete_trade_records(client_for, curator):
    rfq = RFQFactory()
    client = client_for(curator)
    assert client.get(f"/admin/trade_rfq/edit/{rfq.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/trade_rfq/delete/{rfq.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/trade_rfq/inspect/{rfq.pk}/").status_code == 200


def test_curator_hides_a_message_from_the_admin(client_for, curator, buyer, supplier):
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="rude words")
    message = thread.messages.get()
    response = client_for(curator).post(f"/admin/trade/messages/{message.pk}/hide/", {"reason": "abuse"})
    assert response.status_code == 302
    assert Message.objects.get().hidden


def test_staff_who_is_not_curator_cannot_hide(client_for, operator, buyer, supplier):
    from django.contrib.auth.models import Permission

    operator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    thread = inquiries.start_inquiry(buyer=buyer, supplier=supplier, body="fine words")
    message = thread.messages.get()
    client = client_for(operator)
    assert client.post(f"/admin/trade/messages/{message.pk}/hide/", {"reason": "x"}).status_code in (302, 403)
    assert client.get("/admin/trade_thread/").status_code in (302, 403)
    assert not Message.objects.get().hidden


def test_curator_filters_threads_by_cluster(client_for, curator, cluster, matching_supplier, buyer):
    from .factories import ThreadFactory

    inside = ThreadFactory(supplier=matching_supplier, subject="Inside the cluster")
    outside = ThreadFactory(subject="Somewhere else")
    page = client_for(curator).get(f"/admin/trade_thread/?supplier__clusters={cluster.pk}").content.decode()
    assert inside.subject in page and outside.subject not in page
