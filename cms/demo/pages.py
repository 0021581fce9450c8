"""Demo people and pages: the four logins, storefronts, cluster pages, collections, a story and the site's
own pages (site_pages)."""

from django.utils import timezone
from django.utils.html import escape

from catalog.models import Product, ProductImage, SupplierMembership
from catalog.reference import SUPPLIER_SIZE_PEOPLE
from cms import services
from cms.models import (
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    FeaturedProduct,
    StoryIndexPage,
    StoryPage,
    SupplierGalleryPhoto,
)
from cms.permissions import ensure_groups
from marketplace.accounts.models import BuyerCompany, User

from . import data
from .products import STORY_OPENINGS, STORY_QUOTES, WOMEN_LED_OPENINGS
from .site_pages import build_site_pages

PASSWORD = "demo-pass-2026"
LOGINS = ["curator@demo.pk", "buyer@demo.pk", "artisan@demo.pk", "operator@demo.pk"]


def build_people(suppliers):
    """The four demo logins, their email addresses confirmed (the buyer sends inquiries and RFQs); returns the
    curator (the hidden listing is hidden by them)."""
    curators, operators = ensure_groups()
    curator = User.objects.create_user(
        "curator@demo.pk", PASSWORD, full_name="Sana Curator (SMEDA)", is_staff=True
    )
    curator.groups.add(curators)
    company = BuyerCompany.objects.create(
        name="Nordic Home Imports AB", country="SE", website="https://example.com"
    )
    User.objects.create_user(
        "buyer@demo.pk",
        PASSWORD,
        full_name="Erik Buyer",
        country="SE",
        preferred_currency="EUR",
        buyer_company=company,
    )
    artisan = User.objects.create_user(
        "artisan@demo.pk", PASSWORD, full_name="Gul Bibi", country="PK", preferred_currency="PKR"
    )
    artisan_supplier = next(s for s in suppliers if s.name == data.ARTISAN_SUPPLIER)
    SupplierMembership.objects.create(
        user=artisan, supplier=artisan_supplier, role=SupplierMembership.Role.OWNER
    )
    operator = User.objects.create_user(
        "operator@demo.pk", PASSWORD, full_name="Omar Operator", is_staff=True
    )
    operator.groups.add(operators)
    User.objects.filter(email__in=LOGINS).update(email_verified_at=timezone.now())
    return curator


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}


def _image(photo, alt):
    return {"type": "image", "value": {"image": photo.pk, "alt_text": alt, "decorative": False}}


def people_of(rng, supplier):
    """How many people work for `supplier`: its stated number, or one its size allows (at least three)."""
    if supplier.name in data.PEOPLE:
        return data.PEOPLE[supplier.name]
    fewest, most = SUPPLIER_SIZE_PEOPLE[supplier.size]
    return rng.randint(max(fewest, 3), most)


def supplier_story(rng, supplier, offers_samples):
    """Text blocks only: the storefront's gallery already shows the photos. The story agrees with the
    supplier's facts: its head count fits its size, women are named only in a women-led workshop, and
    samples are promised only when its listings offer them."""
    people = people_of(rng, supplier)
    openings = STORY_OPENINGS + (WOMEN_LED_OPENINGS if supplier.women_led else [])
    opening = rng.choice(openings).format(n=people, city=supplier.city, name=supplier.name)
    quote, who = rng.choice(STORY_QUOTES)
    story = [
        {"type": "heading", "value": f"About {supplier.name}"},
        _paragraph(f"{opening[0].upper()}{opening[1:]} {supplier.tagline}."),
        {
            "type": "fact",
            "value": {
                "figure": str(people),
                "label": "women artisans" if supplier.women_led else "skilled workers",
            },
        },
        {"type": "quote", "value": {"text": quote, "attribution": who}},
        _paragraph(
            "Samples ship within two weeks; ask us for custom colours, sizes or your own label."
            if offers_samples
            else "We make to order: ask us for custom colours, sizes or your own label."
        ),
    ]
    return story


def build_pages(rng, suppliers, clusters, products):
    """Home, storefronts (story, gallery, up to 4 featured products), cluster pages, collections, a story;
    returns the home page."""
    home = services.ensure_home()
    home.intro = (
        "Buy directly from Pakistan's artisans and SME clusters: hand-knotted carpets, ajrak, blue "
        "pottery, surgical instruments and more, with quotes, samples and trade assurance."
    )
    home.body = [
        _paragraph(
            "After the 2026 SME Cluster Showcase Expo, 170+ exhibitors needed one place where "
            "buyer interest turns into quotes and orders. This is it."
        )
    ]
    home.save()
    build_site_pages(home)

    visible = [p for p in products if p.status == Product.Status.PUBLISHED and not p.hidden_by_curator]
    by_supplier = {}
    for product in visible:
        by_supplier.setdefault(product.supplier_id, []).append(product)
    photos = {image.product_id: image.photo for image in _main_images(products)}

    for supplier in suppliers:
        own = by_supplier.get(supplier.pk, [])
        page = services.ensure_storefront(supplier)
        page.story = supplier_story(rng, supplier, any(p.sample_available for p in own))
        page.save()
        for position, product in enumerate(own[:4]):
            FeaturedProduct.objects.create(page=page, product=product, sort_order=position)
        for position, product in enumerate(own[:3]):
            SupplierGalleryPhoto.objects.create(
                page=page, photo=photos[product.pk], sort_order=position, caption=product.title
            )

    for cluster in clusters.values():
        page = services.ensure_cluster_page(cluster)
        page.story = [
            {"type": "heading", "value": f"The {cluster.sector.lower()} of {cluster.city}"},
            _paragraph(cluster.summary),
            {
                "type": "fact",
                "value": {"figure": str(cluster.suppliers.count()), "label": "suppliers on the marketplace"},
            },
            _paragraph("Need more than one workshop can make? Ask the whole cluster for capacity."),
        ]
        page.save()

    index = CollectionIndexPage.objects.get()
    collections = [
        (
            "Expo 2026 follow-up: home textiles",
            "expo-2026-home-textiles",
            "Ajrak, embroidery and woollens from the Expo's textile hall.",
            {"bed-linen", "cushion-covers", "table-linen", "shawls-scarves"},
        ),
        (
            "Women-led workshops",
            "women-led-workshops",
            "Every piece here comes from a workshop run by women.",
            None,
        ),
        (
            "For hospitals and clinics",
            "for-hospitals-and-clinics",
            "Surgical and dental instruments from Sialkot's certified makers.",
            {"surgical-instruments"},
        ),
    ]
    for title, slug, intro, category_slugs in collections:
        page = index.add_child(instance=CollectionPage(title=title, slug=slug, intro=intro))
        chosen = [
            p
            for p in visible
            if (p.category.slug in category_slugs if category_slugs else p.supplier.women_led)
        ][:8]
        CollectionItem.objects.bulk_create(
            [CollectionItem(page=page, product=p, sort_order=i) for i, p in enumerate(chosen)]
        )

    stories = StoryIndexPage.objects.get()
    chitral = by_supplier.get(next(s for s in suppliers if s.name == data.ARTISAN_SUPPLIER).pk)
    stories.add_child(
        instance=StoryPage(
            title="From Expo stall to first export: the crochet circle of Chitral",
            slug="chitral-crochet-circle-first-export",
            summary="How eight women in Chitral turned a week at the Expo into a standing order from Sweden.",
            hero_image=photos[chitral[0].pk] if chitral else None,
            body=[
                _paragraph(
                    "In March 2026 the Chitral Women's Crochet Circle took "
                    "a stall at the Made in Pakistan SME "
                    "Cluster Showcase Expo. They came home with thirty "
                    "business cards and no way to follow up."
                ),
                {
                    "type": "quote",
                    "value": {
                        "text": "Now the buyer writes to us, and we answer the same evening.",
                        "attribution": "Gul Bibi, founder",
                    },
                },
                {"type": "fact", "value": {"figure": "8", "label": "women crocheting through the winter"}},
                *(
                    [_image(photos[chitral[-1].pk], "Crochet work from the Chitral circle")]
                    if chitral
                    else []
                ),
                _paragraph(
                    "Their first order, 240 beanies and 30 baby blankets, shipped FOB Karachi in May."
                ),
            ],
        )
    )
    return home


def _main_images(products):
    return ProductImage.objects.filter(product__in=products, position=0).select_related("photo")
