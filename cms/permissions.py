"""What the Curators group may do in the Wagtail admin: pages, catalog snippets, images.

`grant_curator_permissions` is idempotent; the demo loader and tests call it. Operators get no admin rights
here (their screens live under /ops/).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from marketplace.accounts.models import CURATORS_GROUP, OPERATORS_GROUP

# Catalog models curators manage in full; products belong to artisans: curators view and moderate them.
CURATED_MODELS = [
    "category",
    "cluster",
    "supplier",
    "certificationtype",
    "certification",
    "verificationlevel",
    "material",
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Wagtail checks image permissions against wagtailimages.Image even with a custom image model (catalog.Photo).
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def grant_curator_permissions(group: Group) -> Group:
    """Gives `group` admin access, page editing from the site root, catalog snippets and image uploads."""
    codenames = ["access_admin", "view_product"] + [
        f"{action}_{model}" for model in CURATED_MODELS for action in ("add", "change", "delete", "view")
    ]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    root = Page.get_first_root_node()
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return group


def ensure_groups() -> tuple[Group, Group]:
    """The Curators group (with its permissions) and the Operators group."""
    curators, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    grant_curator_permissions(curators)
    operators, _ = Group.objects.get_or_create(name=OPERATORS_GROUP)
    return curators, operators
