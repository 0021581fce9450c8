"""Public catalog pages: the product list and the product page."""

from django.core.paginator import Paginator
from django.db.models import Min, Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Category, Certification, Cluster, Product

PAGE_SIZE = 24
SORTS = {
    "newest": ("-published_at", "-id"),
    "price": ("min_price", "id"),
    "price_desc": ("-min_price", "-id"),
    "lead_time": ("lead_time_days", "id"),
    "moq": ("moq", "id"),
}


def product_list(request):
    products = Product.objects.visible().for_cards().prefetch_related("price_tiers")
    categories = list(Category.objects.all())
    clusters = list(Cluster.objects.all())
    chosen_category = next((c for c in categories if c.slug == request.GET.get("category")), None)
    chosen_cluster = next((c for c in clusters if c.slug == request.GET.get("cluster")), None)
    if chosen_category:
        products = products.filter(chosen_category.subtree_filter())
    if chosen_cluster:
        products = products.filter(supplier__clusters=chosen_cluster)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    if sort.startswith("price"):
        # Orders by the tier amount as listed; /search/ sorts by price normalised to USD across currencies.
        products = products.annotate(min_price=Min("price_tiers__unit_price"))
    products = products.order_by(*SORTS[sort])
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalog/product_list.html",
        {
            "page": page,
            "products": page.object_list,
            "categories": categories,
            "clusters": clusters,
            "chosen_category": chosen_category,
            "chosen_cluster": chosen_cluster,
            "sort": sort,
            "query_string": query.urlencode(),
        },
    )


def product_detail(request, slug):
    queryset = (
        Product.objects.visible()
        .select_related("supplier", "supplier__verification_level", "category", "category__parent")
        .prefetch_related(
            "price_tiers",
            "materials",
            "supplier__clusters",
            Prefetch("images", queryset=Product.images.rel.related_model.objects.select_related("photo")),
            Prefetch(
                "supplier__certifications",
                queryset=Certification.objects.valid().select_related("type"),
                to_attr="valid_certifications",
            ),
        )
    )
    product = get_object_or_404(queryset, slug=slug)
    return render(request, "catalog/product_detail.html", {"product": product, "supplier": product.supplier})
