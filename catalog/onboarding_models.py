"""How suppliers join and who acts for them: applications and the curators' verification evidence,
invitations to a supplier, cluster coordinators and the artisans they onboard, and anonymous view counts.

Each state machine here (application, invitation) changes state only through `marketplace.workflow.transition`
(catalog.onboarding, catalog.members): the rows below are its record.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.files import PrivateFileField, RandomName

from .certification_models import validate_document


class SupplierApplication(models.Model):
    """A supplier's request to sell: the business facts are on its (inactive) Supplier, the rest here.

    A supplier has one application per attempt: a declined applicant may apply again after 30 days, which
    makes a new row; the latest is the one that counts."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        INFO_REQUESTED = "info_requested", _("More information asked")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    class ExportExperience(models.TextChoices):
        NONE = "none", _("Not yet")
        THROUGH_OTHERS = "through_others", _("Through a trader or exporter")
        SOME = "some", _("Some direct export orders")
        REGULAR = "regular", _("We export regularly")

    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    phone = models.CharField(_("phone"), max_length=30)
    women_led_by = models.CharField(_("who leads it"), max_length=200, blank=True)
    years_active = models.PositiveSmallIntegerField(
        _("years active"), null=True, blank=True, validators=[MaxValueValidator(200)]
    )
    what_they_make = models.TextField(_("what you make"), max_length=3000)
    export_experience = models.CharField(
        _("export experience"), max_length=20, choices=ExportExperience.choices, default=ExportExperience.NONE
    )
    export_experience_notes = models.TextField(_("about your exports"), max_length=2000, blank=True)
    # A curator's question (state info_requested) and the applicant's latest answer.
    question = models.TextField(_("question"), max_length=2000, blank=True)
    answer = models.TextField(_("answer"), max_length=3000, blank=True)
    decline_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "submitted_at"])]
        constraints = [
            # At most one application in progress per supplier (a second click on "apply" cannot make two).
            models.UniqueConstraint(
                fields=["supplier"],
                condition=models.Q(state__in=["draft", "submitted", "info_requested"]),
                name="one_open_application_per_supplier",
            )
        ]

    def __str__(self):
        return f"Application of {self.supplier} ({self.get_state_display()})"


class ApplicationDocument(models.Model):
    """Evidence an applicant uploads (registration, certificates): private, seen by curators and the
    applicant's owners only."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Business registration")
        CERTIFICATE = "certificate", _("Certificate")
        OTHER = "other", _("Other document")

    application = models.ForeignKey(SupplierApplication, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGISTRATION)
    file = PrivateFileField(_("file"), upload_to=RandomName("applications"), validators=[validate_document])
    name = models.CharField(max_length=200)  # as the applicant called the file
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class VerificationEvidence(models.Model):
    """Why a supplier has its verification level: who checked what, when, and what they saw. The latest row
    of a supplier is its current level's evidence; older rows stay as the record."""

    class Method(models.TextChoices):
        SELF_DECLARED = "self_declared", _("Self-declared")
        DOCUMENTS_CHECKED = "documents_checked", _("Documents checked")
        SITE_VISITED = "site_visited", _("Site visited")

    supplier = models.ForeignKey(
        "catalog.Supplier", on_delete=models.CASCADE, related_name="verification_evidence"
    )
    level = models.ForeignKey("catalog.VerificationLevel", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("how it was verified"), max_length=20, choices=Method.choices)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField(_("checked on"))
    visited_by = models.CharField(_("visited by"), max_length=200, blank=True)
    observed = models.TextField(_("what was seen"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.supplier}: {self.level} ({self.get_method_display()})"


class SupplierInvitation(models.Model):
    """An emailed invitation to join a supplier: a signed link for `email`, usable once, for 7 days."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=12, choices=[("owner", _("Owner")), ("staff", _("Staff"))])
    # SHA-256 of the token in the emailed link: the token itself is only in the email.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Invitation of {self.email} to {self.supplier}"


class ClusterCoordinator(models.Model):
    """A person a curator made coordinator of a cluster: a cluster association's officer, an NGO's or a SMEDA
    field officer, who onboards and acts for artisans of that cluster who cannot do it themselves."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Cluster association")
        NGO = "ngo", _("NGO")
        SMEDA = "smeda", _("SMEDA field officer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinates")
    cluster = models.ForeignKey("catalog.Cluster", on_delete=models.CASCADE, related_name="coordinators")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "cluster"], name="one_coordinator_role_per_cluster")
        ]

    def __str__(self):
        return f"{self.user} coordinates {self.cluster}"


class AssistedOnboarding(models.Model):
    """An artisan a coordinator put on the marketplace for them: their consent, how to reach and pay them.
    The coordinator acts for the supplier through a coordinator membership until they hand it over."""

    class PaidBy(models.TextChoices):
        BANK = "bank", _("Bank account")
        MOBILE_WALLET = "mobile_wallet", _("Mobile wallet (JazzCash, Easypaisa)")
        THROUGH_COORDINATOR = "through_coordinator", _("Through the coordinator's organisation")

    supplier = models.OneToOneField(
        "catalog.Supplier", on_delete=models.CASCADE, related_name="assisted_onboarding"
    )
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    artisan_name = models.CharField(_("artisan's name"), max_length=200)
    artisan_phone = models.CharField(_("artisan's phone"), max_length=30)
    consent_given_on = models.DateField(_("consent given on"))
    consent_how = models.CharField(
        _("how the artisan gave consent"),
        max_length=300,
        help_text=_("e.g. signed form kept at the association's office, voice note, thumbprint."),
    )
    paid_by = models.CharField(_("how they are paid"), max_length=20, choices=PaidBy.choices)
    payment_details = models.CharField(_("payment details"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.artisan_name} ({self.supplier})"


class ViewCount(models.Model):
    """How many times a product page or a storefront was viewed on a day. Only the count: never who."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        STOREFRONT = "storefront", _("Storefront")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.CASCADE, related_name="+")
    # Null for a storefront's views.
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # Two partial constraints rather than nulls_distinct, which SQLite lacks.
            models.UniqueConstraint(
                fields=["kind", "product", "day"],
                condition=models.Q(product__isnull=False),
                name="one_product_view_count_per_day",
            ),
            models.UniqueConstraint(
                fields=["kind", "supplier", "day"],
                condition=models.Q(product__isnull=True),
                name="one_storefront_view_count_per_day",
            ),
        ]
        indexes = [models.Index(fields=["supplier", "day"])]

    def __str__(self):
        return f"{self.count} views of {self.product or self.supplier} on {self.day}"
