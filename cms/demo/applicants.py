"""One application waiting in the curators' queue, so a stranger to the demo sees "Suppliers › Applications"
at work: a women-led weavers' group from Chitral, submitted through the same services as /sell/join/."""

from django.utils import timezone

from catalog.models import Category, Cluster, SupplierApplication
from catalog.onboarding import applications
from marketplace.accounts.models import User

from .pages import PASSWORD

APPLICANT = "applicant@demo.pk"


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
