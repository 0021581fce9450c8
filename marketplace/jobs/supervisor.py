"""Run a few commands side by side and stop them all together: what `make run` starts the site with.

    python -m marketplace.jobs.supervisor [--grace=SECONDS] "web=python manage.py runserver" \
        "worker=python manage.py run_worker"

Each command runs in its own process group, so stopping it reaches what it started too (runserver's and the
worker's autoreloaders run the real server in a child). The terminal's Ctrl-C reaches the supervisor only,
which passes it on: every command gets it once, whoever sent it. Ctrl-C (SIGINT) or SIGTERM to the
supervisor, or any one command exiting, stops every command: SIGINT to each group, SIGTERM to what is left
after GRACE_SECONDS, SIGKILL after as long again. The supervisor exits once every process group is empty,
with the exiting command's status (130 for Ctrl-C), so nothing keeps running behind a finished `make run`.

Plain Python, no Django: it must work before anything is set up and whatever the settings.
"""

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time

GRACE_SECONDS = 10


def parse(specs):
    """["name=command line", ...] -> [(name, argv)]."""
    commands = []
    for spec in specs:
        name, sep, line = spec.partition("=")
        if not sep or not name or not line.strip():
            raise SystemExit(f"supervisor: expected NAME=COMMAND, got {spec!r}")
        commands.append((name, shlex.split(line)))
    return commands


def _group_alive(pgid) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal_groups(pgids, signum):
    for pgid in pgids:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signum)


def _reap(children):
    """Collect children that exited (so their groups can empty); returns {name: status} of those."""
    done = {}
    for name, process in children.items():
        status = process.poll()
        if status is not None:
            done[name] = status
    return done


def stop(children, grace=GRACE_SECONDS):
    """Stop every child's process group: SIGINT, then SIGTERM, then SIGKILL, waiting `grace` between."""
    pgids = [process.pid for process in children.values()]  # each child leads its own group
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        _signal_groups([pgid for pgid in pgids if _group_alive(pgid)], signum)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            _reap(children)
            if not any(_group_alive(pgid) for pgid in pgids):
                return
            time.sleep(0.1)
    _reap(children)


def run(commands, grace=GRACE_SECONDS) -> int:
    stopping = []

    def request_stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    children = {}
    try:
        for name, argv in commands:
            print(f"supervisor: starting {name}: {shlex.join(argv)}", flush=True)
            children[name] = subprocess.Popen(argv, process_group=0)
        while not stopping:
            finished = _reap(children)
            if finished:
                name, status = next(iter(finished.items()))
                print(f"supervisor: {name} exited with status {status}; stopping the others", flush=True)
                stop(children, grace)
                return status or 1
            time.sleep(0.2)
    finally:
        if any(process.poll() is None for process in children.values()) or stopping:
            stop(children, grace)
    print("supervisor: stopped", flush=True)
    return 130 if stopping and stopping[0] == signal.SIGINT else 143


def main(argv):
    grace = GRACE_SECONDS
    if argv and argv[0].startswith("--grace="):
        grace = float(argv.pop(0).removeprefix("--grace="))
    return run(parse(argv), grace)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
