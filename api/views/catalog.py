"""Catalog endpoints: products, suppliers, clusters, categories. Read only, and only what the public pages
show: visible products (`Product.objects.visible()`), active suppliers."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from catalog.models import Category, Certification, Cluster, PriceTier, Product, Supplier
from catalog.wagtail_overrides import (
    CARD_RENDITIONS,
    MAIN_PHOTO_RENDITIONS,
    THUMBNAIL_RENDITIONS,
    attach_rendition_sets,
)

from ..filters import ProductFilters, SupplierFilters, filter_products, filter_suppliers
from ..pagination import CursorOldestFirst
from ..product_summaries import product_summaries, summary_rows
from ..serializers.catalog import (
    CategorySerializer,
    ClusterSerializer,
    ProductDetailSerializer,
    ProductSummarySerializer,
    SupplierSerializer,
)

DETAIL_RENDITIONS = MAIN_PHOTO_RENDITIONS + THUMBNAIL_RENDITIONS


def product_rows():
    """A visible product with what its detail shows (rows with supplier, level and category; tiers; photos).
    Lists use api.product_summaries instead, which loads tiers and photos only for summaries not cached."""
    return (
        Product.objects.visible()
        .for_cards()
        .prefetch_related(Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity")))
    )


@extend_schema_view(
    list=extend_schema(summary="Products", parameters=[ProductFilters]),
    retrieve=extend_schema(summary="A product"),
)
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    """Published listings of active suppliers, newest first, as the product pages show them."""

    def get_queryset(self):
        if self.action == "retrieve":
            return product_rows().prefetch_related("materials")
        filters = ProductFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        # Tiers and photos are loaded only for summaries not cached (api.product_summaries).
        return filter_products(summary_rows(Product.objects.visible()), filters.validated_data)

    def get_serializer_class(self):
        return ProductDetailSerializer if self.action == "retrieve" else ProductSummarySerializer

    def get_serializer_context(self):
        specs = DETAIL_RENDITIONS if self.action == "retrieve" else CARD_RENDITIONS
        return {**super().get_serializer_context(), "photo_specs": specs}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(product_summaries(page, CARD_RENDITIONS))

    def retrieve(self, request, *args, **kwargs):
        product = self.get_object()
        attach_rendition_sets([(image.photo, DETAIL_RENDITIONS) for image in product.images.all()])
        return Response(self.get_serializer(product).data)


def supplier_rows():
    return (
        Supplier.objects.active()
        .select_related("verification_level")
        .prefetch_related(
            Prefetch("clusters", queryset=Cluster.objects.only("id", "slug", "name")),
            Prefetch(
                "certifications",
                queryset=Certification.objects.valid().select_related("type"),
                to_attr="valid_certifications",
            ),
        )
    )


@extend_schema_view(
    list=extend_schema(summary="Suppliers", parameters=[SupplierFilters]),
    retrieve=extend_schema(summary="A supplier"),
)
class SupplierViewSet(viewsets.ReadOnlyModelViewSet):
    """Active suppliers with their verification level, clusters and valid certifications."""

    serializer_class = SupplierSerializer
    pagination_class = CursorOldestFirst

    def get_queryset(self):
        if self.action == "retrieve":
            return supplier_rows()
        filters = SupplierFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return filter_suppliers(supplier_rows(), filters.validated_data)


@extend_schema_view(list=extend_schema(summary="Clusters"), retrieve=extend_schema(summary="A cluster"))
class ClusterViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ClusterSerializer
    queryset = Cluster.objects.all()
    pagination_class = CursorOldestFirst


@extend_schema_view(list=extend_schema(summary="The category tree"))
class CategoryViewSet(viewsets.GenericViewSet):
    """The whole category tree in one response (a few hundred rows at most): top categories, each with its
    children."""

    serializer_class = CategorySerializer
    pagination_class = None

    def list(self, request):
        categories = list(Category.objects.order_by("path"))
        for category in categories:
            category.tree_children = []
        by_id = {category.pk: category for category in categories}
        roots = []
        for category in categories:
            parent = by_id.get(category.parent_id)
            (parent.tree_children if parent else roots).append(category)
        return Response(self.get_serializer(roots, many=True).data)
