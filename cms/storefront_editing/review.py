"""The "Storefront review" moderation workflow, and what the artisan is told of where their page stands.

The workflow is a Wagtail Workflow with one GroupApprovalTask for the Curators group, assigned to the
SupplierIndexPage so it covers every storefront. Migration cms 0004 makes it for databases that exist; a new
database gets its SupplierIndexPage after migrating (cms.services.ensure_home), so `review_workflow()` makes
or assigns it too the first time an artisan submits: a save must never skip moderation for want of it.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from marketplace.accounts.models import CURATORS_GROUP

from ..models import SupplierIndexPage

WORKFLOW_NAME = "Storefront review"
TASK_NAME = "Curators review the storefront"


@transaction.atomic
def review_workflow() -> Workflow:
    """The active "Storefront review" workflow, assigned to the SupplierIndexPage; made if missing.
    Idempotent (the same names as migration 0004)."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
            task.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    index = SupplierIndexPage.objects.first()
    if index is not None and not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)
    return workflow


@dataclass(frozen=True)
class ReviewStatus:
    """Where a storefront stands, as its artisan is shown it."""

    live: bool  # buyers see a published version
    awaiting_review: bool  # a submitted version waits for a curator
    sent_back: bool  # a curator asked for changes
    comment: str  # the curator's comment when sent back ("" otherwise)


def review_status(page) -> ReviewStatus:
    """Reads the page's current workflow state (two queries at most)."""
    state = WorkflowState.objects.for_instance(page).active().order_by("-created_at").first()
    awaiting = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    sent_back = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    comment = ""
    if sent_back:
        rejected = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at", "-id")
            .first()
        )
        comment = rejected.get_comment() if rejected else ""
    return ReviewStatus(
        live=page.live,
        awaiting_review=awaiting,
        sent_back=sent_back,
        comment=comment,
    )
