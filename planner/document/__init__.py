"""The plan document: file format, working copy, save pipeline, migrations, locks.

The names below are imported on first use: `planner.document.project` loads the ORM, which a
read-only command reading a plan with sqlite3 alone (`planner.document.readonly`) never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["APPLICATION_ID", "PLAN_SUFFIX", "Project", "RecoveryEntry", "atomic_write"]

_WHERE = {
    "APPLICATION_ID": "planner.document.sqlitefile",
    "PLAN_SUFFIX": "planner.document.project",
    "Project": "planner.document.project",
    "RecoveryEntry": "planner.document.workcopy",
    "atomic_write": "planner.document.atomic",
}

if TYPE_CHECKING:
    from planner.document.atomic import atomic_write
    from planner.document.project import PLAN_SUFFIX, Project
    from planner.document.sqlitefile import APPLICATION_ID
    from planner.document.workcopy import RecoveryEntry


def __getattr__(name: str):
    if name in _WHERE:
        import importlib

        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
