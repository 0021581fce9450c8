"""Curators edit the header and footer links (cms.navigation): an existing Curators group gets the permission
that cms/permissions.py grants to the groups it creates. The permission is made here, as Django would after
migrating, so the group can have it in the same run."""

from django.db import migrations

CURATORS_GROUP = "Curators"  # marketplace.accounts.models.CURATORS_GROUP when this was written


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="navigationlinks")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_navigationlinks",
        defaults={"name": "Can change navigation links"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name=CURATORS_GROUP))
    if groups:
        permission = _permission(apps)
        for group in groups:
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="cms", codename="change_navigationlinks"
    ).first()
    if permission:
        for group in Group.objects.filter(name=CURATORS_GROUP):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cms", "0002_content_page_navigation_links"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
