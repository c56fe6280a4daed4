"""Which reader or writer a file goes to, by its name; one entry point for the CLI and the window."""

from __future__ import annotations

from pathlib import Path

from planner.collector import paused
from planner.errors import ValidationError
from planner.i18n import _
from planner.interop.mpxj import SUFFIXES as MPXJ_SUFFIXES
from planner.plan import Plan

EXPORT_FORMATS = ("mspdi", "ics")
EXPORT_SUFFIX = {"mspdi": ".xml", "ics": ".ics"}


def is_project_file(path: Path | str) -> bool:
    """A file of another planner (MS Project XML or anything MPXJ reads), not a workbook."""
    suffix = Path(path).suffix.lower()
    return suffix == ".xml" or suffix in MPXJ_SUFFIXES


def read_preview(paths: list[Path | str], plan: Plan | None):
    """The import preview of one project file (MS Project XML natively, other kinds through MPXJ)."""
    from planner.interop import mpxj, mspdi
    from planner.interop.preview import build_preview

    if len(paths) != 1:
        raise ValidationError(_("Import one project file at a time (MS Project, GanttProject ...); workbooks "
                                "may be imported together."), where=", ".join(map(str, paths)), key="one_project_file")
    path = Path(paths[0])
    if not path.exists():
        raise FileNotFoundError(2, "No such file", str(path))
    reader = mspdi.read if path.suffix.lower() == ".xml" else mpxj.read
    with paused():  # hundreds of thousands of small objects, all kept until the end
        return build_preview([str(path)], reader(path, plan), plan)


def export(plan: Plan, fmt: str, path: Path | str, *, team: str | None = None) -> list[str]:
    """Write `plan` as MS Project XML or iCalendar; returns notes about what was left out."""
    if fmt == "mspdi":
        from planner.interop.mspdi_write import write

        if team:
            raise ValidationError(_("--team applies to the calendar export only."), where="--team", key="team_mspdi")
        return write(plan, path)
    if fmt == "ics":
        from planner.interop.ical import write

        return write(plan, path, team=team)
    raise ValidationError(_("Unknown export format {format}.", format=fmt), where="--format", key="unknown_format")
