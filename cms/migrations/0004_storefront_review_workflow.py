"""Storefronts go through moderation: the "Storefront review" workflow, one GroupApprovalTask for the Curators
group, assigned to the SupplierIndexPage (all storefronts). The same names as cms/storefront_editing/review.py,
which makes or assigns it too when the index page comes after this migration (a new database).

Curators need no new page permission: cms.permissions gives them change and publish from the root, and
approving a GroupApprovalTask asks only that the user be in the task's group.
"""

from django.db import migrations

CURATORS_GROUP = "Curators"  # marketplace.accounts.models.CURATORS_GROUP when this was written
WORKFLOW_NAME = "Storefront review"
TASK_NAME = "Curators review the storefront"


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    SupplierIndexPage = apps.get_model("cms", "SupplierIndexPage")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        # Historical models lack Wagtail's __init__ that sets the specific content type: set it here.
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=content_type)
        task.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    index = SupplierIndexPage.objects.first()
    if index is not None and not WorkflowPage.objects.filter(page_id=index.pk).exists():
        WorkflowPage.objects.create(page_id=index.pk, workflow=workflow)


def remove(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    for workflow in Workflow.objects.filter(name=WORKFLOW_NAME):
        # States of reviews under way go with it (their revisions stay, as drafts).
        WorkflowState.objects.filter(workflow=workflow).delete()
        workflow.delete()
    Task.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("cms", "0003_curators_edit_navigation_links"),
    ]

    operations = [migrations.RunPython(create, remove)]
