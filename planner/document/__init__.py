"""The plan document: file format, working copy, save pipeline, migrations, locks."""

from planner.document.project import APPLICATION_ID, PLAN_SUFFIX, Project

__all__ = ["APPLICATION_ID", "PLAN_SUFFIX", "Project"]
