"""/api/v1/search/: the search page's results, facets and counts, from the same service (search.services),
parsed the way the page parses its URL (search.views.query_from_request)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.models import Product
from catalog.wagtail_overrides import CARD_RENDITIONS
from search.query import FACETS, SORTS
from search.services import search_products
from search.views import query_from_request

from ..product_summaries import product_summaries, summary_rows
from ..serializers.catalog import ProductSummarySerializer

MAX_PAGE = 10_000  # as the page


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="The words.")
    sort = serializers.ChoiceField(choices=list(SORTS), required=False)
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100)
    qty = serializers.IntegerField(
        required=False, min_value=1, max_value=10_000_000, help_text="Price the price sort at this quantity."
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="What to pass as the facet's parameter.")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Products this value would give, the other facets applied.")
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=list(FACETS))
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next_page = serializers.IntegerField(allow_null=True)
    previous_page = serializers.IntegerField(allow_null=True)
    results = ProductSummarySerializer(many=True)
    facets = FacetSerializer(many=True)
    corrections = serializers.ListField(child=serializers.CharField(), help_text="Spelling fixes applied.")
    ignored_words = serializers.ListField(child=serializers.CharField(), help_text="Words no product holds.")
    partial = serializers.BooleanField(
        help_text="The list goes on past the products holding every word into those holding some."
    )
    full_match_count = serializers.IntegerField(
        help_text="How many of `count` hold every word: they come first, the partial matches after them."
    )
    facets_of_full_matches = serializers.BooleanField(
        help_text="Facet counts are of the full matches only (at least 20 of them), else of the whole list."
    )


FACET_PARAMETERS = [
    OpenApiParameter(name, str, many=True, description=str(_("Facet: %(label)s") % {"label": label}))
    for name, label in FACETS.items()
]


class SearchView(APIView):
    """Search products as /search/ does: the same ranking, facets (OR within one, AND across) and counts."""

    @extend_schema(
        summary="Search products",
        parameters=[SearchParameters, *FACET_PARAMETERS],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        parameters = SearchParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        # A NUL character in a facet value reaches PostgreSQL's text comparison, which refuses it (a 500 on
        # the /search/ page too: search.views passes values as typed; reported to the search app's owner).
        with_nul = sorted(
            name for name in FACETS if any("\x00" in v for v in request.query_params.getlist(name))
        )
        if with_nul:
            raise ValidationError({name: [_("Null characters are not allowed.")] for name in with_nul})
        query = query_from_request(request)
        query.page = parameters.validated_data.get("page", 1)
        query.page_size = parameters.validated_data.get("page_size", query.page_size)
        result = search_products(query)
        by_id = {
            product.pk: product
            for product in summary_rows(Product.objects.visible()).filter(pk__in=result.ids)
        }
        products = [by_id[pk] for pk in result.ids if pk in by_id]
        last_page = max(1, -(-result.total // query.page_size))
        return Response(
            {
                "count": result.total,
                "page": query.page,
                "page_size": query.page_size,
                "next_page": query.page + 1 if query.page < last_page else None,
                "previous_page": query.page - 1 if query.page > 1 else None,
                "results": product_summaries(products, CARD_RENDITIONS),
                "facets": [
                    {
                        "name": name,
                        "label": str(FACETS[name]),
                        "values": [
                            {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                            for v in values
                        ],
                    }
                    for name, values in result.facets.items()
                    if values
                ],
                "corrections": sorted({fix for fixes in result.corrections.values() for fix in fixes}),
                "ignored_words": result.ignored_words,
                "partial": result.partial,
                "full_match_count": result.full_match_count,
                "facets_of_full_matches": result.facets_of_full_matches,
            }
        )
