"""Void PySide6 calls must not exhaust None's reference count (PySide6 6.12.0 on Python 3.11 aborts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# More void calls than None has references: enough to abort an unprotected interpreter.
CALLS = """
import sys
from PySide6.QtCore import QPointF
calls = sys.getrefcount(None) + 200000
{setup}
point = QPointF()
for _ in range(calls):
    point.setX(1.0)
print("alive", sys.getrefcount(None) > 0)
"""


def run(setup: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", CALLS.format(setup=setup)], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


def test_the_app_survives_more_void_calls_than_none_has_references():
    result = run("import ui")
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive True" in result.stdout


def test_the_guard_is_needed_exactly_when_void_calls_leak():
    from ui.none_guard import void_calls_leak_none

    unprotected = run("")
    if sys.version_info < (3, 12) and void_calls_leak_none():
        assert unprotected.returncode != 0 and "none_dealloc" in unprotected.stderr
    else:
        assert unprotected.returncode == 0
