"""The artisan edits their storefront at /sell/storefront/: story, gallery and featured products.

Nothing the artisan saves goes live by itself: each save is a draft revision of their `cms.SupplierPage`,
put on the "Storefront review" moderation workflow (`review.py`); a curator approves it (Wagtail publishes
the latest revision) or sends it back with a comment, in Wagtail's admin as for any page.
"""
