import signal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Work every task queue with the configured backend (TASKS_BACKEND): `db_worker` for the database "
        "queue, `rqworker` (with its scheduler, for delayed retries) for RQ. `make run` starts one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="run what is ready, then exit (database queue)"
        )

    def handle(self, *args, batch, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        queues = settings.TASKS["default"]["QUEUES"]
        if backend == "django_tasks_db.DatabaseBackend":
            # Reloads on code changes in development (DEBUG), as runserver does, so both run the same code.
            call_command(
                "db_worker", queue_name=",".join(queues), batch=batch, reload=settings.DEBUG and not batch
            )
        elif backend == "django_tasks_rq.RQBackend":
            call_command(
                "rqworker", *queues, job_class="django_tasks_rq.Job", with_scheduler=True, burst=batch
            )
        else:
            self.stdout.write(f"{backend} runs tasks in the caller: no worker needed. Waiting for Ctrl-C.")
            stop = {signal.SIGINT, signal.SIGTERM}
            signal.pthread_sigmask(signal.SIG_BLOCK, stop)
            signal.sigwait(stop)
