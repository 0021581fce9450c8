"""Suppliers on their way in, so a stranger to the demo sees issue 19's pages at work: one application waiting
in the curators' queue (a women-led weavers' group from Chitral, submitted through the same services as
/sell/join/), and a cluster coordinator who onboarded an artisan who could not do it themselves (through the
same service as /sell/artisans/new/)."""

from datetime import date

from django.utils import timezone

from catalog.members import coordinators
from catalog.models import AssistedOnboarding, Category, Cluster, ClusterCoordinator, SupplierApplication
from catalog.onboarding import applications
from marketplace.accounts.models import User

from .pages import PASSWORD

APPLICANT = "applicant@demo.pk"
COORDINATOR = "coordinator@demo.pk"


def build_applicant():
    """The applicant's account (password as the other demo logins) and their submitted application."""
    applicant = User.objects.create_user(
        APPLICANT,
        PASSWORD,
        full_name="Bibi Zarina",
        country="PK",
        preferred_currency="PKR",
        language="ur",
        email_verified_at=timezone.now(),
    )
    chitral = list(Cluster.objects.filter(name__icontains="Chitral")[:1])
    facts = {
        "name": "Bumburet Valley Weavers",
        "clusters": chitral,
        "region": "kp",
        "city": "Bumburet",
        "phone": "+92 343 5550123",
        "size": "micro",
        "women_led": True,
        "women_led_by": "Bibi Zarina, who founded the group in 2016",
        "years_active": 9,
        "categories": list(Category.objects.filter(parent__isnull=True)[:1]),
        "what_they_make": (
            "Eleven women weave patti wool on pit looms at home: shawls, caps and embroidered cushion "
            "covers, about 120 pieces a month in winter."
        ),
        "export_experience": SupplierApplication.ExportExperience.THROUGH_OTHERS,
        "export_experience_notes": "Sold through a Peshawar trader to shops in Dubai.",
    }
    application = applications.save_application(applicant, facts)
    applications.submit_application(applicant, application.pk)
    return application


def build_coordinator(curator):
    """A coordinator of the first cluster (an NGO's field officer, assigned by the demo curator) and the
    artisan they onboarded: an inactive supplier with a draft application, managed by the coordinator."""
    coordinator = User.objects.create_user(
        COORDINATOR,
        PASSWORD,
        full_name="Rukhsana Field Officer",
        country="PK",
        preferred_currency="PKR",
        language="ur",
        email_verified_at=timezone.now(),
    )
    cluster = Cluster.objects.order_by("pk").first()
    coordinators.assign_coordinator(
        curator=curator,
        user=coordinator,
        cluster=cluster,
        kind=ClusterCoordinator.Kind.NGO,
        organisation="Sarhad Rural Support Programme",
    )
    return coordinators.onboard_artisan(
        coordinator=coordinator,
        business={
            "name": "Mai Jannat Handicrafts",
            "cluster": cluster,
            "region": cluster.region,
            "city": "",
            "phone": "+92 345 5550188",
            "size": "micro",
            "women_led": True,
            "women_led_by": "Mai Jannat",
        },
        artisan={
            "artisan_name": "Mai Jannat",
            "artisan_phone": "+92 345 5550188",
            "consent_given_on": date(2026, 11, 20),
            "consent_how": "Thumbprint on the programme's consent form, kept at its field office",
            "paid_by": AssistedOnboarding.PaidBy.MOBILE_WALLET,
            "payment_details": "Easypaisa wallet in her own name",
        },
        application={
            "what_they_make": "Hand-embroidered cushion covers and shawls, about 40 pieces a month."
        },
    )
