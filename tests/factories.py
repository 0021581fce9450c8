"""factory_boy factories for the actors and the catalog. Other apps add theirs in their own test packages."""

import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from catalog.models import (
    Category,
    Certification,
    CertificationType,
    Cluster,
    Material,
    Photo,
    PriceTier,
    Product,
    ProductImage,
    Supplier,
    SupplierMembership,
    VerificationLevel,
)
from marketplace.accounts.models import BuyerCompany, User


def image_bytes(fmt="JPEG", size=(64, 48), color=(180, 70, 30), exif=None):
    buffer = io.BytesIO()
    image = PILImage.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def image_upload(name="photo.jpg", fmt="JPEG", **kwargs):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    # Verified, as sign-up makes them; UserFactory(email_verified_at=None) for an unconfirmed account.
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BuyerCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerCompany

    name = factory.Sequence(lambda n: f"Importer {n} GmbH")
    country = "DE"


class BuyerFactory(UserFactory):
    buyer_company = factory.SubFactory(BuyerCompanyFactory)
    country = "DE"
    preferred_currency = "EUR"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Multan blue pottery {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")
    sector = "Ceramics"
    region = "punjab"
    city = "Multan"


class VerificationLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VerificationLevel
        django_get_or_create = ("name",)

    name = "Documents checked"
    rank = 1


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Artisan Workshop {n}")
    slug = factory.Sequence(lambda n: f"artisan-workshop-{n}")
    region = "punjab"
    city = "Multan"
    currency = "USD"
    women_led = False
    size = "micro"
    year_established = 2012
    verification_level = factory.SubFactory(VerificationLevelFactory)

    @factory.post_generation
    def clusters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.clusters.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplierMembership

    user = factory.SubFactory(UserFactory)
    supplier = factory.SubFactory(SupplierFactory)
    role = "owner"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material
        django_get_or_create = ("slug",)

    name = "Cotton"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class CertificationTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationType
        django_get_or_create = ("slug",)

    name = "Fair Trade"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    supplier = factory.SubFactory(SupplierFactory)
    type = factory.SubFactory(CertificationTypeFactory)
    issuer = "WFTO"


class ProductFactory(factory.django.DjangoModelFactory):
    """A published product with two tiers: MOQ 10 at 12.50, 50+ at 10.80 (in the supplier's currency)."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    supplier = factory.SubFactory(SupplierFactory)
    title = factory.Sequence(lambda n: f"Hand-painted blue pottery vase {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    description = "Hand-painted Multani blue pottery, glazed and kiln-fired."
    category = factory.SubFactory(CategoryFactory)
    origin_region = "punjab"
    hs_code = "691390"
    moq = 10
    unit = "piece"
    lead_time_days = 30
    monthly_capacity = 500
    incoterms = factory.LazyFunction(lambda: ["FOB", "EXW"])
    status = Product.Status.PUBLISHED
    published_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").timezone.utc)

    @factory.post_generation
    def tiers(obj, create, extracted, **kwargs):
        if not create:
            return
        specs = extracted if extracted is not None else [(obj.moq, "12.50"), (obj.moq * 5, "10.80")]
        for qty, price in specs:
            PriceTier.objects.create(product=obj, min_quantity=qty, unit_price=Decimal(price))


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(lambda: image_upload())


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    photo = factory.SubFactory(PhotoFactory)
    position = 0
