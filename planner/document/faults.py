"""Fault injection for crash tests: `PLANNER_FAULT=crash@<point>` makes the process SIGKILL itself."""

from __future__ import annotations

import os
import signal

ENV = "PLANNER_FAULT"

SAVE_POINTS = (
    "temp-created",  # the temp file exists beside the target, still empty
    "mid-copy",  # the backup API has copied some pages, not all
    "temp-synced",  # the complete snapshot is fsynced
    "verified",  # the snapshot passed the read-only verification
    "renamed",  # os.replace done, folder not yet fsynced
    "dir-synced",  # the rename is durable; identity not yet recorded
)
"""Every step of the save pipeline, in order (RELIABILITY-MATRIX A2)."""

UPGRADE_POINTS = ("upgrade-begun", "upgrade-steps-done")


def armed(point: str) -> bool:
    return os.environ.get(ENV, "") == f"crash@{point}"


def crash_point(point: str) -> None:
    """Die like a power cut or `kill -9` would, if the environment asks for it here."""
    if armed(point):
        os.kill(os.getpid(), signal.SIGKILL)
