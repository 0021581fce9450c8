"""Bulk listings import, the actions: upload (and dry run), apply. Views and tasks call these.

An import is an `ImportJob` that goes CHECKING → CHECKED (the dry run's report) → APPLYING → APPLIED, or
→ FAILED when the file cannot be read at all; every move goes through `marketplace.workflow.transition`
(locked, audited, idempotent). Files of more than BACKGROUND_ROWS rows are checked and applied by a task
(catalog.tasks) while the page shows progress; smaller ones in the request. Either way the work is the same
functions: `run_check` and `run_apply` read the stored files again, so nothing is uploaded twice and the
rows applied are checked against the catalog as it is at that moment.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.jobs.queue import enqueue_on_commit
from marketplace.workflow import TransitionError, transition

from ..models import Supplier
from ..permissions import may
from .applying import apply_rows
from .models import ImportJob
from .photos import ArchiveRefused, open_photos
from .reading import UnreadableFile, count_rows, read_table
from .validation import check_table

logger = logging.getLogger(__name__)

BACKGROUND_ROWS = 500
State = ImportJob.State
TRANSITIONS = {
    State.CHECKED: {State.CHECKING, State.APPLYING},  # back from APPLYING: all-or-nothing found errors
    State.FAILED: {State.CHECKING, State.APPLYING},
    State.APPLYING: {State.CHECKED},
    State.APPLIED: {State.APPLYING},
}


class ImportRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def suppliers_for_import(user):
    """The suppliers `user` may import listings for (owners and coordinators; catalog.permissions)."""
    return [s for s in Supplier.objects.for_member(user).order_by("name") if may(user, "import_listings", s)]


def require_importer(user, supplier):
    if not may(user, "import_listings", supplier):
        raise PermissionDenied(_("Only the supplier's owner or coordinator imports listings."))


def start_import(*, actor, supplier, table, photos=None, all_or_nothing=False) -> ImportJob:
    """Store the uploaded files as a new job and run its dry run: in this request for a small file, in a
    task for a large one (the job is CHECKING until it is done). Saves no listing."""
    require_importer(actor, supplier)
    job = ImportJob.objects.create(
        supplier=supplier,
        created_by=actor,
        table=table,
        table_name=(getattr(table, "name", "") or "listings")[:200],
        photos=photos,
        photos_name=(getattr(photos, "name", "") or "")[:200] if photos else "",
        all_or_nothing=all_or_nothing,
        language=translation.get_language() or "",
    )
    with job.table.open("rb") as handle:
        job.rows_total = count_rows(handle)
    ImportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)
    if job.rows_total > BACKGROUND_ROWS:
        from ..tasks import check_import

        enqueue_on_commit(check_import, job.pk)
    else:
        run_check(job.pk)
        job.refresh_from_db()
    return job


def _report_of(job, progress=None):
    """(report, None) for the job's stored files, or (None, message) when they cannot be read."""
    try:
        with job.table.open("rb") as handle:
            table = read_table(handle)
        photos = None
        if job.photos:
            photos_handle = job.photos.open("rb")
            photos = open_photos(photos_handle)
        try:
            return check_table(job.supplier, table, photos, progress=progress), None
        finally:
            if photos is not None:
                photos_handle.close()
    except (UnreadableFile, ArchiveRefused) as error:
        return None, error.message


def _progress(job_pk):
    return lambda done: ImportJob.objects.filter(pk=job_pk).update(rows_done=done)


def run_check(job_pk):
    """The dry run of job `job_pk` (CHECKING → CHECKED with its report, or FAILED). Idempotent."""
    job = ImportJob.objects.select_related("supplier").get(pk=job_pk)
    if job.state != State.CHECKING:
        return
    with translation.override(job.language or None):
        try:
            report, failure = _report_of(job, _progress(job.pk))
        except Exception:
            logger.exception("import %s: the dry run failed", job.pk)
            report, failure = None, _("Something went wrong while checking the file; nothing was saved.")
    if report is None:
        transition(
            ImportJob, job.pk, State.FAILED, TRANSITIONS, apply=lambda j: setattr(j, "failure", failure)
        )
        return

    def store(row):
        row.report, row.rows_total, row.rows_done = report.as_json(), len(report.rows), len(report.rows)

    transition(ImportJob, job.pk, State.CHECKED, TRANSITIONS, apply=store)


def request_apply(job, *, actor, all_or_nothing) -> ImportJob:
    """The person applies a checked job. All-or-nothing with rows in error is refused (ImportRefused), and
    so is a job with nothing to write. Small files are applied in this request, large ones by a task."""
    require_importer(actor, job.supplier)
    counts = job.counts
    if job.state != State.CHECKED:
        raise ImportRefused(_("This import is not waiting to be applied."))
    if all_or_nothing and counts.get("invalid"):
        raise ImportRefused(
            _("Some rows have errors: fix them and upload the file again, or apply the valid rows only.")
        )
    if not counts.get("create") and not counts.get("change"):
        raise ImportRefused(_("There is nothing to create or change in this file."))

    def start(row):
        row.all_or_nothing, row.rows_done, row.failure = all_or_nothing, 0, ""

    try:
        transition(ImportJob, job.pk, State.APPLYING, TRANSITIONS, actor=actor, apply=start)
    except TransitionError as error:
        raise ImportRefused(error.message) from error
    if job.rows_total > BACKGROUND_ROWS:
        from ..tasks import apply_import

        enqueue_on_commit(apply_import, job.pk, actor.pk)
    else:
        run_apply(job.pk, actor.pk)
    job.refresh_from_db()
    return job


def run_apply(job_pk, actor_pk):
    """Apply job `job_pk` (APPLYING → APPLIED; → CHECKED with the new report when all-or-nothing finds
    errors now; → FAILED when its files cannot be read). Listings and the job's state commit together."""
    job = ImportJob.objects.select_related("supplier", "created_by").get(pk=job_pk)
    if job.state != State.APPLYING:
        return
    actor = job.created_by if job.created_by_id == actor_pk else type(job.created_by).objects.get(pk=actor_pk)
    with translation.override(job.language or None):
        report, failure = _report_of(job, _progress(job.pk))  # the page shows the rows checked again
        if report is None:
            transition(
                ImportJob,
                job.pk,
                State.FAILED,
                TRANSITIONS,
                actor=actor,
                apply=lambda j: setattr(j, "failure", failure),
            )
            return
        counts = report.counts()
        if job.all_or_nothing and counts["invalid"]:
            message = _("The file has errors now, so nothing was applied. See the report.")

            def back(row):
                row.report, row.failure = report.as_json(), message

            transition(ImportJob, job.pk, State.CHECKED, TRANSITIONS, actor=actor, apply=back)
            return
        photos_handle = job.photos.open("rb") if job.photos else None
        try:
            photos = open_photos(photos_handle) if photos_handle else None
            with transaction.atomic():
                applied = apply_rows(job.supplier, report.rows, actor, photos)

                def done(row):
                    row.report, row.applied = report.as_json(), applied
                    row.rows_done = len(report.rows)

                transition(ImportJob, job.pk, State.APPLIED, TRANSITIONS, actor=actor, apply=done)
        finally:
            if photos_handle is not None:
                photos_handle.close()


def mark_failed(job_pk, message=None):
    """A background run gave up (an error in our code, not in the file): the job says so, nothing applied
    (the apply's transaction rolled back), and the person may upload the file again."""
    job = ImportJob.objects.filter(pk=job_pk).first()
    if job is None or job.state not in (State.CHECKING, State.APPLYING):
        return
    with translation.override(job.language or None):
        failure = message or _("Something went wrong while importing; nothing was saved. Please try again.")
    transition(ImportJob, job_pk, State.FAILED, TRANSITIONS, apply=lambda j: setattr(j, "failure", failure))
