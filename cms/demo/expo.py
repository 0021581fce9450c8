"""The 2026 "Made in Pakistan - SME Cluster Showcase Expo" in the demo: the event, every demo supplier at a
booth (one hall letter per cluster), and its page below home. The leads met there are the trade app's
(`manage.py load_demo_leads`, which load_demo runs after this)."""

from datetime import date

from catalog.models import Event, Exhibitor
from cms.models import EventPage

from . import data

EXPO_SLUG = "sme-cluster-showcase-expo-2026"


def build_expo(home, supplier_rows):
    """The event, its exhibitors (`supplier_rows`: (supplier, cluster slug) in the data's order) and page."""
    event = Event.objects.create(
        name="Made in Pakistan - SME Cluster Showcase Expo",
        slug=EXPO_SLUG,
        starts_on=date(2026, 3, 10),
        ends_on=date(2026, 3, 12),
        city="Lahore",
        venue="Expo Centre Lahore",
        description=(
            "Three days, 170+ exhibitors from Pakistan's SME clusters, and buyers and procurement heads from "
            "abroad. The exhibitors below now sell on the marketplace."
        ),
    )
    halls = {slug: chr(ord("A") + position) for position, slug in enumerate(data.SUPPLIERS)}
    numbers = {}
    rows = []
    for supplier, cluster_slug in supplier_rows:
        hall = halls[cluster_slug]
        numbers[hall] = numbers.get(hall, 0) + 1
        rows.append(Exhibitor(event=event, supplier=supplier, booth=f"{hall}-{numbers[hall]:02d}"))
    Exhibitor.objects.bulk_create(rows)
    home.add_child(
        instance=EventPage(
            title=event.name,
            slug="expo-2026",
            event=event,
            search_description="The exhibitors of the 2026 SME Cluster Showcase Expo, by cluster.",
            body=[
                {
                    "type": "paragraph",
                    "value": "<p>Met an exhibitor at the Expo? Find their storefront below and ask them for "
                    "a quote, or order samples.</p>",
                }
            ],
        )
    )
    return event
