"""Applications in each state, made through the services where the state has a history to record."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import SupplierApplication
from catalog.onboarding import applications
from tests.factories import UserFactory


def facts(**overrides):
    """The application form's cleaned data, as the services take it."""
    data = {
        "name": "Chitral Woollens",
        "clusters": [],
        "region": "kp",
        "city": "Chitral",
        "phone": "+92 300 1234567",
        "size": "micro",
        "women_led": True,
        "women_led_by": "Bibi Ayesha, founder",
        "years_active": 6,
        "categories": [],
        "what_they_make": "Hand-woven patti shawls and caps.",
        "export_experience": SupplierApplication.ExportExperience.THROUGH_OTHERS,
        "export_experience_notes": "Through a Peshawar trader.",
    }
    data.update(overrides)
    return data


def pdf(name="registration.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%registration\n", content_type="application/pdf")


class ApplicantFactory(UserFactory):
    """An account with no supplier yet."""

    email = factory.Sequence(lambda n: f"applicant{n}@example.pk")


def draft_application(applicant=None, **overrides):
    applicant = applicant or ApplicantFactory()
    return applications.save_application(applicant, facts(**overrides))


def submitted_application(applicant=None, **overrides):
    application = draft_application(applicant, **overrides)
    applications.submit_application(application.applicant, application.pk)
    application.refresh_from_db()
    return application
