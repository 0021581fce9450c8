import signal
import threading

from django.core.management.base import BaseCommand

from marketplace.jobs.schedule import SCHEDULE, run_due


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs when due (marketplace/jobs/schedule.py), checking every --interval "
        "seconds; `make run` starts it. Safe to run on several machines: each run is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30, help="seconds between checks (default 30)")
        parser.add_argument("--once", action="store_true", help="one check, then exit")

    def handle(self, *args, interval, once, **options):
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        if not once:
            names = ", ".join(f"{entry.name} every {entry.interval}" for entry in SCHEDULE)
            self.stdout.write(f"Scheduler: {names}")
        while True:
            for name in run_due():
                self.stdout.write(f"enqueued {name}")
            if once or stop.wait(interval):
                return
