"""Curators assign cluster coordinators in the Wagtail admin; nobody else gets in; every change is audited."""

import pytest
from django.urls import reverse

from catalog.models import ClusterCoordinator
from marketplace.audit.models import StateChange
from tests.factories import ClusterFactory, UserFactory

from .factories import ClusterCoordinatorFactory

pytestmark = pytest.mark.django_db


def test_a_curator_assigns_a_coordinator_by_email(client_for, curator):
    officer, cluster = UserFactory(email="officer@smeda.example"), ClusterFactory()
    client = client_for(curator)

    assert client.get(reverse("cluster_coordinators:index")).status_code == 200
    response = client.post(
        reverse("cluster_coordinators:add"),
        {
            "email": "Officer@smeda.example",
            "cluster": cluster.pk,
            "kind": "smeda",
            "organisation": "SMEDA Multan",
        },
    )

    assert response.status_code == 302
    row = ClusterCoordinator.objects.get()
    assert (row.user, row.cluster, row.assigned_by, row.organisation) == (
        officer,
        cluster,
        curator,
        "SMEDA Multan",
    )
    assert StateChange.objects.filter(field="assignment", to_state="assigned", actor=curator).exists()


def test_an_unknown_email_or_a_second_assignment_is_a_form_error(client_for, curator):
    existing = ClusterCoordinatorFactory()
    client = client_for(curator)

    unknown = client.post(
        reverse("cluster_coordinators:add"),
        {"email": "nobody@example.com", "cluster": existing.cluster.pk, "kind": "ngo", "organisation": "X"},
    )
    twice = client.post(
        reverse("cluster_coordinators:add"),
        {"email": existing.user.email, "cluster": existing.cluster.pk, "kind": "ngo", "organisation": "X"},
    )

    assert unknown.status_code == twice.status_code == 200
    assert ClusterCoordinator.objects.count() == 1


def test_a_curator_removes_a_coordinator_and_it_is_audited(client_for, curator):
    row = ClusterCoordinatorFactory()

    client_for(curator).post(reverse("cluster_coordinators:delete", args=[row.pk]))

    assert not ClusterCoordinator.objects.exists()
    assert StateChange.objects.filter(field="assignment", to_state="unassigned", actor=curator).exists()


@pytest.mark.parametrize("who", ["artisan", "buyer", "coordinator"])
def test_nobody_else_reaches_the_coordinators_admin(request, client_for, who):
    user = request.getfixturevalue(who)
    user.is_staff = True  # even with the admin's door open
    user.save()
    client = client_for(user)

    for url in (reverse("cluster_coordinators:index"), reverse("cluster_coordinators:add")):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    client.post(
        reverse("cluster_coordinators:add"),
        {"email": user.email, "cluster": ClusterFactory().pk, "kind": "ngo", "organisation": "Myself"},
    )
    assert not ClusterCoordinator.objects.exclude(organisation="Chitral Women's Crafts Association").exists()
