"""Catalog data in real buyer vocabulary for the search tests."""

from tests.factories import (
    CategoryFactory,
    ClusterFactory,
    MaterialFactory,
    ProductFactory,
    SupplierFactory,
)


def category(name, parent=None):
    from django.utils.text import slugify

    return CategoryFactory(name=name, slug=slugify(name), parent=parent)


def product(title, description="", category_obj=None, materials=(), supplier=None, **fields):
    """A published product; materials are names ("Cotton")."""
    fields.setdefault("description", description or f"{title}. Handmade in Pakistan for export.")
    item = ProductFactory(
        title=title,
        category=category_obj or CategoryFactory(),
        supplier=supplier or SupplierFactory(),
        **fields,
    )
    if materials:
        item.materials.set([MaterialFactory(name=name) for name in materials])
    return item


def catalog():
    """A small catalog: pottery, textiles, footwear, carpets, shawls, instruments, from several clusters."""
    home = category("Home decor")
    pottery = category("Pottery", parent=home)
    textiles = category("Textiles")
    cushions = category("Cushion covers", parent=textiles)
    multan = ClusterFactory(
        name="Multan blue pottery", slug="multan-blue-pottery", region="punjab", sector="Ceramics"
    )
    hala = ClusterFactory(
        name="Hala ajrak printing", slug="hala-ajrak", region="sindh", sector="Textiles", city="Hala"
    )
    swat = ClusterFactory(
        name="Swat embroidery", slug="swat-embroidery", region="kp", sector="Embroidery", city="Mingora"
    )
    potter = SupplierFactory(name="Kashi Ceramics", clusters=[multan], women_led=False)
    printer = SupplierFactory(name="Sindh Heritage Prints", clusters=[hala], region="sindh", women_led=True)
    stitchers = SupplierFactory(
        name="Swat Women Stitchers", clusters=[swat], region="kp", women_led=True, size="small"
    )
    items = {
        "planter": product(
            "Round blue pottery planter with drainage hole, 8 inch",
            "Hand-painted Multani blue glaze planter pot for indoor plants.",
            pottery,
            ["Clay"],
            potter,
            moq=20,
            lead_time_days=21,
            origin_region="punjab",
        ),
        "vase": product(
            "Blue pottery flower vase",
            "Tall hand-painted Multani vase.",
            pottery,
            ["Clay"],
            potter,
            moq=10,
            lead_time_days=14,
            origin_region="punjab",
        ),
        "ajrak": product(
            "Ajrak cotton bedsheet",
            "Traditional indigo and madder ajrak from Hala, natural dyes.",
            textiles,
            ["Cotton"],
            printer,
            moq=50,
            lead_time_days=45,
            origin_region="sindh",
            tiers=[(50, "9.00"), (200, "7.50")],
        ),
        "cushion": product(
            "Embroidered cushion cover, Swat phulkari",
            "Hand embroidered cushion covers with mirror work.",
            cushions,
            ["Cotton"],
            stitchers,
            moq=100,
            lead_time_days=60,
            origin_region="kp",
            tiers=[(100, "4.20"), (500, "3.60")],
        ),
        "carpet": product(
            "Hand-knotted wool carpet",
            "Gilgit hand knotted rug in natural wool, 6x9 ft.",
            home,
            ["Wool"],
            SupplierFactory(name="Hunza Weavers", region="gb"),
            moq=1,
            lead_time_days=90,
            origin_region="gb",
            tiers=[(1, "450.00")],
        ),
        "khussa": product(
            "Leather khussa shoes",
            "Handmade Multani khussa with gold thread.",
            category("Footwear"),
            ["Leather"],
            SupplierFactory(name="Lahore Footwear House"),
            moq=24,
            lead_time_days=30,
            tiers=[(24, "15.00")],
        ),
        "pashmina": product(
            "Pure pashmina shawl",
            "Hand-spun pashmina from Chitral goats.",
            category("Shawls"),
            ["Wool"],
            SupplierFactory(name="Chitral Crafts", region="kp", women_led=True),
            moq=5,
            lead_time_days=30,
            tiers=[(5, "85.00")],
        ),
    }
    return items
