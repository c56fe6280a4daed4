"""A reader that stops early (`planner schedule PLAN | head`) ends the command quietly, no traceback."""

import subprocess
import sys

from benchmarks.generate import generate_plan


def test_closed_pipe_ends_quietly(tmp_path):
    plan = generate_plan(tmp_path / "big.plan", 3000)  # a table far beyond a pipe's buffer
    proc = subprocess.Popen([sys.executable, "-m", "planner", "schedule", str(plan)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away while the table is still being written
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
