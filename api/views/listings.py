"""A supplier's listings (/sell/ through the API): only the listings of the suppliers the user is a member
of (`Product.objects.of_member`, the rule the pages use: anyone else's is a 404), saved by the pages' forms
and service (api.listings)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from catalog import services
from catalog.models import PriceTier, Product, ProductImage, Supplier
from catalog.wagtail_overrides import THUMBNAIL_RENDITIONS, attach_rendition_sets

from .. import listings
from ..serializers.catalog import PhotoSerializer
from ..serializers.listings import ListingInputSerializer, ListingPatchSerializer, ListingSerializer

LISTING_RENDITIONS = THUMBNAIL_RENDITIONS


def members_listings(user):
    return (
        Product.objects.of_member(user)
        .select_related("supplier__verification_level", "category")
        .prefetch_related(
            Prefetch("price_tiers", queryset=PriceTier.objects.order_by("min_quantity")),
            Prefetch(
                "images", queryset=ProductImage.objects.select_related("photo").order_by("position", "id")
            ),
            "materials",
        )
    )


def require_member(user):
    """The pages' rule for /sell/: a member of a supplier (403 with its own code for anyone else)."""
    if not Supplier.objects.for_member(user).exists():
        raise exceptions.PermissionDenied(
            _("Only members of a supplier manage listings."), code="not_a_supplier_member"
        )


def with_photos(products):
    products = list(products)
    attach_rendition_sets(
        [(image.photo, LISTING_RENDITIONS) for product in products for image in product.images.all()]
    )
    return products


class ListingContext:
    def get_serializer_context(self):
        return {**super().get_serializer_context(), "photo_specs": LISTING_RENDITIONS}

    def listing_response(self, product, http_status=status.HTTP_200_OK):
        product = members_listings(self.request.user).get(pk=product.pk)
        with_photos([product])
        return Response(
            ListingSerializer(product, context=self.get_serializer_context()).data, status=http_status
        )


@extend_schema_view(
    get=extend_schema(summary="Your listings"),
    post=extend_schema(
        summary="Create a listing", request=ListingInputSerializer, responses={201: ListingSerializer}
    ),
)
class ListingList(ListingContext, generics.ListAPIView):
    """The listings of your suppliers, drafts and hidden ones too, newest first."""

    serializer_class = ListingSerializer

    def get_queryset(self):
        return members_listings(self.request.user)

    def list(self, request, *args, **kwargs):
        require_member(request.user)
        page = with_photos(self.paginate_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request):
        require_member(request.user)
        product = listings.save_listing(request.user, request.data)
        return self.listing_response(product, status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="One of your listings"),
    put=extend_schema(summary="Replace a listing", request=ListingInputSerializer),
    patch=extend_schema(summary="Change some of a listing", request=ListingPatchSerializer),
)
class ListingDetail(ListingContext, generics.GenericAPIView):
    serializer_class = ListingSerializer

    def get_queryset(self):
        return members_listings(self.request.user)

    def get(self, request, pk):
        return self.listing_response(self.get_object())

    def put(self, request, pk):
        product = listings.save_listing(request.user, request.data, self.get_object())
        return self.listing_response(product)

    def patch(self, request, pk):
        product = listings.save_listing(request.user, request.data, self.get_object(), partial=True)
        return self.listing_response(product)


class ListingPhotos(ListingContext, generics.GenericAPIView):
    """A listing's photos, main first; POST adds photos (multipart, field `photos`, one or more files)."""

    serializer_class = PhotoSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None

    def listing(self):
        return get_object_or_404(members_listings(self.request.user), pk=self.kwargs["pk"])

    @extend_schema(summary="A listing's photos", responses=PhotoSerializer(many=True))
    def get(self, request, pk):
        product = with_photos([self.listing()])[0]
        return Response(self.get_serializer(product.images.all(), many=True).data)

    @extend_schema(
        summary="Add photos to a listing",
        request={
            "multipart/form-data": inline_serializer(
                "PhotoUpload", {"photos": serializers.ListField(child=serializers.ImageField())}
            )
        },
        responses={201: ListingSerializer},
    )
    def post(self, request, pk):
        product = listings.add_photos(request.user, self.listing(), request.FILES.getlist("photos"))
        return self.listing_response(product, status.HTTP_201_CREATED)


class ListingPhoto(ListingContext, generics.GenericAPIView):
    serializer_class = PhotoSerializer

    def image(self):
        listing = get_object_or_404(members_listings(self.request.user), pk=self.kwargs["pk"])
        image = get_object_or_404(listing.images.all(), pk=self.kwargs["image_id"])
        return listing, image

    @extend_schema(summary="One photo of a listing")
    def get(self, request, pk, image_id):
        _listing, image = self.image()
        attach_rendition_sets([(image.photo, LISTING_RENDITIONS)])
        return Response(self.get_serializer(image).data)

    @extend_schema(summary="Remove a photo from a listing", responses={204: None})
    def delete(self, request, pk, image_id):
        listing, image = self.image()
        services.remove_photo(listing, image.pk, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ListingPhotoMain(ListingContext, generics.GenericAPIView):
    serializer_class = ListingSerializer

    @extend_schema(summary="Make a photo the listing's main photo", request=None, responses=ListingSerializer)
    def post(self, request, pk, image_id):
        listing = get_object_or_404(members_listings(request.user), pk=pk)
        try:
            services.make_main_photo(listing, image_id)
        except ProductImage.DoesNotExist as error:
            raise exceptions.NotFound() from error
        return self.listing_response(listing)
