"""Curators create events and their exhibitors in the Wagtail admin (Programme); nobody else reaches them."""

import pytest
from django.urls import reverse

from catalog.models import Event, Exhibitor
from tests.trade.leads.expo import EventFactory, ExhibitorFactory

pytestmark = pytest.mark.django_db

EVENT = {
    "name": "Made in Pakistan - SME Cluster Showcase Expo",
    "slug": "sme-expo-2026",
    "starts_on": "2026-03-10",
    "ends_on": "2026-03-12",
    "city": "Lahore",
    "venue": "Expo Centre",
    "description": "",
}


def test_a_curator_creates_an_event_and_an_exhibitor(client_for, curator, supplier):
    client = client_for(curator)

    response = client.post(reverse("programme_events:add"), EVENT)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert (event.city, event.created_by) == ("Lahore", curator)

    response = client.post(
        reverse("programme_exhibitors:add"), {"event": event.pk, "supplier": supplier.pk, "booth": "B-12"}
    )
    assert response.status_code == 302
    assert Exhibitor.objects.get().booth == "B-12"


def test_the_last_day_cannot_be_before_the_first(client_for, curator):
    response = client_for(curator).post(reverse("programme_events:add"), {**EVENT, "ends_on": "2026-03-01"})

    assert response.status_code == 200
    assert "The last day cannot be before the first day." in response.content.decode()
    assert not Event.objects.exists()


def test_exhibitors_are_listed_by_event(client_for, curator):
    shown = ExhibitorFactory(booth="A-01")
    ExhibitorFactory(booth="Z-99")

    response = client_for(curator).get(reverse("programme_exhibitors:index"), {"event": shown.event_id})

    html = response.content.decode()
    assert response.status_code == 200
    assert "A-01" in html and "Z-99" not in html


def test_the_event_list_links_each_event_to_its_exhibitors(client_for, curator):
    event = EventFactory()

    html = client_for(curator).get(reverse("programme_events:index")).content.decode()

    assert f"{reverse('programme_exhibitors:index')}?event={event.pk}" in html


@pytest.mark.parametrize("who", ["artisan", "operator", "buyer"])
def test_nobody_but_curators_sees_or_creates_events(client_for, request, who):
    user = request.getfixturevalue(who)
    user.is_staff = True  # even with the admin's door open to them
    user.save()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    event = EventFactory()
    client = client_for(user)

    assert client.get(reverse("programme_events:index")).status_code in (302, 403)
    assert client.post(reverse("programme_events:add"), {**EVENT, "slug": "other"}).status_code in (302, 403)
    assert client.get(reverse("programme_events:edit", args=[event.pk])).status_code in (302, 403)
    assert client.get(reverse("programme_exhibitors:index")).status_code in (302, 403)
    assert Event.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("programme_events:index"))

    assert response.status_code == 302 and "login" in response["Location"]
