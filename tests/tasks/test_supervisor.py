"""`make run`'s supervisor: Ctrl-C stops every command it started and what they started, leaving nothing."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marketplace.jobs import supervisor

# A command that starts a grandchild, writes both pids, and sleeps; with "stubborn" it ignores SIGINT.
SLEEPER = """
import os, signal, subprocess, sys, time
if sys.argv[2] == "stubborn":
    signal.signal(signal.SIGINT, signal.SIG_IGN)
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
open(sys.argv[1] + ".tmp", "w").write(f"{os.getpid()} {grandchild.pid}")
os.rename(sys.argv[1] + ".tmp", sys.argv[1])  # whole or absent, never half-written
time.sleep(120)
"""


def alive(pid) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose (it runs nothing) but still answers kill(0): read its state.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def start(tmp_path, *kinds, grace=1):
    script = tmp_path / "sleeper.py"
    script.write_text(SLEEPER)
    specs = [
        f"{kind}{i}={sys.executable} {script} {tmp_path / f'pids{i}'} {kind}" for i, kind in enumerate(kinds)
    ]
    process = subprocess.Popen(
        [sys.executable, "-m", "marketplace.jobs.supervisor", f"--grace={grace}", *specs]
    )
    pid_files = [tmp_path / f"pids{i}" for i in range(len(kinds))]
    deadline = time.monotonic() + 20
    while not all(f.exists() and f.read_text() for f in pid_files):
        assert time.monotonic() < deadline, "the commands did not start"
        time.sleep(0.1)
    pids = [int(pid) for f in pid_files for pid in f.read_text().split()]
    return process, pids


def wait_gone(pids, seconds=15):
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)]


def test_ctrl_c_stops_every_command_and_what_they_started(tmp_path):
    process, pids = start(tmp_path, "plain", "plain")

    process.send_signal(signal.SIGINT)

    assert process.wait(timeout=20) == 130
    assert wait_gone(pids) == []


def test_a_command_ignoring_ctrl_c_is_terminated_after_the_grace_period(tmp_path):
    process, pids = start(tmp_path, "stubborn", "plain")

    process.send_signal(signal.SIGINT)

    assert process.wait(timeout=20) == 130
    assert wait_gone(pids) == []


def test_one_command_exiting_stops_the_others(tmp_path):
    script, crasher = tmp_path / "sleeper.py", tmp_path / "crasher.py"
    script.write_text(SLEEPER)
    pid_file = tmp_path / "pids"
    # Exits with status 3 once the sleeper is up.
    crasher.write_text(
        f"import pathlib, time\nwhile not pathlib.Path({str(pid_file)!r}).exists(): time.sleep(0.1)\n"
        "raise SystemExit(3)\n"
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "marketplace.jobs.supervisor",
            "--grace=1",
            f"sleeper={sys.executable} {script} {pid_file} plain",
            f"crasher={sys.executable} {crasher}",
        ]
    )

    assert process.wait(timeout=30) == 3
    assert wait_gone([int(pid) for pid in pid_file.read_text().split()]) == []


def test_a_malformed_command_is_refused():
    with pytest.raises(SystemExit):
        supervisor.parse(["no equals sign"])
