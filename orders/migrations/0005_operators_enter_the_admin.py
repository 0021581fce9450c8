"""The operators' pages moved from /ops/ into the Wagtail admin: an existing Operators group needs admin
access to reach them (cms/permissions.py grants the same to groups it creates)."""

from django.db import migrations

OPERATORS_GROUP = "Operators"  # marketplace.accounts.models.OPERATORS_GROUP when this was written


def _access_admin(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()


def grant_admin_access(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _access_admin(apps)
    for group in Group.objects.filter(name=OPERATORS_GROUP):
        group.permissions.add(permission)


def revoke_admin_access(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _access_admin(apps)
    for group in Group.objects.filter(name=OPERATORS_GROUP):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("orders", "0004_category_commission_percent_range"),
    ]

    operations = [migrations.RunPython(grant_admin_access, revoke_admin_access)]
