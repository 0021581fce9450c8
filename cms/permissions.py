"""What the Curators and Operators groups may do in the Wagtail admin.

Curators: pages, catalog snippets, images, the header and footer links (and the read-only trade lists,
orders/trade/wagtail_hooks.py).
Operators: only entry to the admin. Their "Operations" menu (orders/backoffice/) is shown and allowed by
`user.is_operator`, membership of the group, the rule the order services apply too; so the group holds no
model permissions, and without page, snippet or image permissions it sees none of the curators' menus.

Both `grant_*` functions are idempotent; the demo loader and tests call them. Databases that had the
Operators group before the back office moved into the admin get the same grant from orders' migration
0005_operators_enter_the_admin.
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
    # change_navigationlinks: the header and footer links (Settings › Navigation links, cms.navigation).
    codenames = ["access_admin", "view_product", "change_navigationlinks"] + [
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


def grant_operator_permissions(group: Group) -> Group:
    """Lets `group` into the Wagtail admin; what it sees there is decided by `user.is_operator`."""
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def ensure_groups() -> tuple[Group, Group]:
    """The Curators and Operators groups, with their permissions."""
    curators, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    grant_curator_permissions(curators)
    operators, _ = Group.objects.get_or_create(name=OPERATORS_GROUP)
    grant_operator_permissions(operators)
    return curators, operators
