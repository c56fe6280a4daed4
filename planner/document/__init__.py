"""The plan document: file format, working copy, save pipeline, migrations, locks."""

from planner.document.atomic import atomic_write
from planner.document.project import PLAN_SUFFIX, Project
from planner.document.sqlitefile import APPLICATION_ID
from planner.document.workcopy import RecoveryEntry

__all__ = ["APPLICATION_ID", "PLAN_SUFFIX", "Project", "RecoveryEntry", "atomic_write"]
