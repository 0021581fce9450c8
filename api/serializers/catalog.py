"""What the catalog endpoints return: what the public pages show, nothing more (no curator notes, no
certificate documents, no stock of hidden listings)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog.models import Category, Certification, Cluster, Material, Product, Supplier
from catalog.reference import Incoterm, Region, SupplierSize, Unit

from ..money import MoneyField
from ..representations import Writer, photo


def writer_of(context) -> Writer:
    """One Writer per response (a list shares it between rows), kept in the serializer's context."""
    if "writer" not in context:
        context["writer"] = Writer(context["photo_specs"])
    return context["writer"]


class RenditionSerializer(serializers.Serializer):
    spec = serializers.CharField(help_text="Wagtail filter spec, e.g. width-320|format-webp.")
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class PhotoSerializer(serializers.Serializer):
    """A listing photo and its renditions; `photo_specs` (context) names them, attached beforehand
    (catalog.wagtail_overrides) so no photo costs a query."""

    id = serializers.IntegerField()
    position = serializers.IntegerField()
    alt = serializers.SerializerMethodField()
    renditions = serializers.SerializerMethodField()

    def get_alt(self, image) -> str:
        raise NotImplementedError  # written by to_representation

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image):
        raise NotImplementedError  # written by to_representation

    def to_representation(self, image):
        return photo(image, self.context["photo_specs"], image.product.title)


class TierSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    unit_price = MoneyField()


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name", "path"]


class ClusterRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["id", "slug", "name"]


class MaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = Material
        fields = ["id", "slug", "name"]


class VerificationSerializer(serializers.Serializer):
    name = serializers.CharField()
    rank = serializers.IntegerField()


class SupplierRefSerializer(serializers.ModelSerializer):
    """The supplier as a product shows it."""

    verification_level = VerificationSerializer(allow_null=True)
    url = serializers.SerializerMethodField(help_text="The storefront page.")

    class Meta:
        model = Supplier
        fields = ["id", "slug", "name", "women_led", "region", "verification_level", "url"]

    def get_url(self, supplier) -> str:
        return supplier.get_absolute_url()


class ProductSummarySerializer(serializers.ModelSerializer):
    """A product in a list (the product list, search results): what its card shows, and its tiers."""

    url = serializers.SerializerMethodField(help_text="The product's page.")
    category = CategoryRefSerializer()
    supplier = SupplierRefSerializer()
    origin_region = serializers.ChoiceField(choices=Region.choices)
    unit = serializers.ChoiceField(choices=Unit.choices)
    incoterms = serializers.ListField(child=serializers.ChoiceField(choices=Incoterm.choices))
    from_price = MoneyField(allow_null=True, help_text="The lowest tier's unit price.")
    price_tiers = serializers.SerializerMethodField()
    main_photo = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id", "slug", "title", "url", "category", "supplier", "origin_region", "hs_code", "moq", "unit",
            "lead_time_days", "incoterms", "from_price", "price_tiers", "main_photo", "published_at",
        ]  # fmt: skip

    def get_url(self, product) -> str:
        return product.get_absolute_url()

    @extend_schema_field(TierSerializer(many=True))
    def get_price_tiers(self, product):
        raise NotImplementedError  # written by to_representation

    @extend_schema_field(PhotoSerializer(allow_null=True))
    def get_main_photo(self, product):
        raise NotImplementedError  # written by to_representation

    def to_representation(self, product):
        return writer_of(self.context).summary(product)


class ProductDetailSerializer(ProductSummarySerializer):
    """The product page's facts: tiers, MOQ, lead time, HS code, Incoterms, every photo, the supplier."""

    materials = MaterialSerializer(many=True)
    sample_price = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()

    class Meta(ProductSummarySerializer.Meta):
        fields = [
            *ProductSummarySerializer.Meta.fields, "description", "materials", "monthly_capacity",
            "stock_on_hand", "sample_available", "sample_price", "customisation", "photos",
        ]  # fmt: skip

    @extend_schema_field(MoneyField(allow_null=True))
    def get_sample_price(self, product):
        raise NotImplementedError  # written by to_representation

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, product):
        raise NotImplementedError  # written by to_representation

    def to_representation(self, product):
        return writer_of(self.context).detail(product)


class CertificationSerializer(serializers.ModelSerializer):
    type = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    type_name = serializers.CharField(source="type.name")

    class Meta:
        model = Certification
        fields = ["type", "type_name", "issuer", "issued_on", "expires_on"]


class SupplierSerializer(serializers.ModelSerializer):
    """A supplier as its storefront shows it: verification, clusters, valid certifications."""

    url = serializers.SerializerMethodField(help_text="The storefront page.")
    size = serializers.ChoiceField(choices=SupplierSize.choices)
    region = serializers.ChoiceField(choices=Region.choices)
    verification_level = VerificationSerializer(allow_null=True)
    clusters = ClusterRefSerializer(many=True)
    certifications = CertificationSerializer(many=True, source="valid_certifications")
    years_active = serializers.IntegerField(allow_null=True)

    class Meta:
        model = Supplier
        fields = [
            "id", "slug", "name", "url", "tagline", "women_led", "size", "region", "city", "currency",
            "year_established", "years_active", "verification_level", "clusters", "certifications",
        ]  # fmt: skip

    def get_url(self, supplier) -> str:
        return supplier.get_absolute_url()


class ClusterSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The cluster's page.")
    region = serializers.ChoiceField(choices=Region.choices)

    class Meta:
        model = Cluster
        fields = ["id", "slug", "name", "url", "sector", "region", "city", "summary"]

    def get_url(self, cluster) -> str:
        return cluster.get_absolute_url()


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/Category"}})
class ChildCategoriesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, category):
        return CategorySerializer(category.tree_children, many=True).data


class CategorySerializer(serializers.ModelSerializer):
    """A node of the category tree, with its children (the whole tree comes in one response)."""

    children = ChildCategoriesField()

    class Meta:
        model = Category
        fields = ["id", "slug", "name", "path", "hs_heading", "children"]
