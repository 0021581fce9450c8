"""People and the buyer companies they act for (their supplier memberships are the catalog's)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

CURATORS_GROUP = "Curators"
OPERATORS_GROUP = "Operators"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person. Logs in with an email address; acts for a buyer company and/or suppliers."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    country = CountryField(_("country"), blank=True)
    preferred_currency = models.CharField(_("preferred currency"), max_length=3, default="USD")
    # The language chosen with the header's switcher, restored at each login (empty: the browser's).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    buyer_company = models.ForeignKey(
        "accounts.BuyerCompany", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # When the owner of `email` last proved it (a sign-up or email link followed). Sign-up makes verified
    # accounts; an account made otherwise (admin, createsuperuser) is not until its link is followed, and
    # until then may browse but not send inquiries or RFQs (accounts.verification).
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name or self.email).split(" ")[0]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @cached_property
    def _group_names(self):
        return set(self.groups.values_list("name", flat=True))

    @property
    def is_curator(self) -> bool:
        return self.is_active and (self.is_superuser or CURATORS_GROUP in self._group_names)

    @property
    def is_operator(self) -> bool:
        return self.is_active and (self.is_superuser or OPERATORS_GROUP in self._group_names)


class BuyerCompany(models.Model):
    """An importer, retailer or studio that buys through the marketplace."""

    name = models.CharField(_("company name"), max_length=200)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "buyer companies"

    def __str__(self):
        return self.name


class PendingSignup(models.Model):
    """A buyer sign-up waiting for its email address to be confirmed; the account exists only once it is.

    Sign-up answers "check your inbox" whether or not the address has an account, so it reveals nothing;
    the address's owner either confirms (the account is created) or learns that someone tried. Signing up
    again with the same address replaces the row: only the last emailed link works.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    company = models.CharField(_("company name"), max_length=200)
    country = CountryField(_("country"))
    preferred_currency = models.CharField(_("preferred currency"), max_length=3)
    # Hashed like User.password: the account takes it over as it is.
    password = models.CharField(_("password"), max_length=128)
    # Where the visitor was going (a path on this site), restored after confirming.
    next_url = models.CharField(max_length=2000, blank=True)
    # SHA-256 of the emailed token: the token itself is only in the email.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self):
        return self.email


class EmailConfirmation(models.Model):
    """An emailed link waiting to prove that `user` owns `email`: a new address they asked to change to, or
    their current one (an account made unverified asking for its link). One per user: asking again
    replaces it, so only the last link works. The link works only for its user, logged in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_confirmation"
    )
    email = models.EmailField(_("email address"))
    # SHA-256 of the emailed token, as PendingSignup: the token itself is only in the email.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self):
        return self.email


class SavedAddress(models.Model):
    """A shipping address a buyer keeps (chosen at checkout, added and edited on the profile).

    An order copies the address's fields when it is placed: editing or deleting an address later never changes
    where a placed order was shipped."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_addresses"
    )
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("e.g. Warehouse, Office"))
    name = models.CharField(_("name or company"), max_length=200)
    address = models.TextField(_("address"), max_length=1000)
    country = CountryField(_("country"))
    is_default = models.BooleanField(_("use by default"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_default", "-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="one_default_address_per_user"
            )
        ]

    def __str__(self):
        return self.label or self.name
