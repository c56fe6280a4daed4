"""Write a chart Figure to PNG, SVG or PDF at print quality, atomically."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from planner.i18n import _
from planner.charts.common import PRINT_DPI
from planner.document.atomic import atomic_write
from planner.errors import ExportFailed

FORMATS = ("png", "svg", "pdf")


def format_of(path: Path | str, fmt: str | None = None) -> str:
    """The export format: explicit, else from the file suffix; a clear error otherwise."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ExportFailed(
            _("Cannot export a chart as '{name}': use a .png, .svg or .pdf file name.", name=Path(path).name),
            where=str(path),
        )
    return chosen


def export_figure(fig: Figure, path: Path | str, fmt: str | None = None, *, dpi: int = PRINT_DPI) -> Path:
    """Save `fig` to `path`; the target is replaced only once the whole file is written."""
    target = Path(path)
    chosen = format_of(target, fmt)
    if not target.parent.is_dir():
        raise ExportFailed(_("The folder {parent} does not exist.", parent=target.parent), where=str(target))
    try:
        with atomic_write(target) as tmp:
            # zlib level 1: a 200-dpi chart encodes several times faster for a slightly larger file
            extra = {"pil_kwargs": {"compress_level": 1}} if chosen == "png" else {}
            fig.savefig(tmp, format=chosen, dpi=dpi, metadata=_metadata(fig, chosen), **extra)
    except OSError as exc:
        raise ExportFailed(_("Could not write {name}: {value}", name=target.name, value=exc.strerror or exc), where=str(target)) from exc
    return target


def _metadata(fig: Figure, fmt: str) -> dict:
    title = fig.get_suptitle() or "Roadmap Planner chart"
    if fmt == "png":
        return {"Title": title, "Software": "Roadmap Planner"}
    if fmt == "pdf":
        return {"Title": title, "Creator": "Roadmap Planner"}
    return {"Title": title, "Creator": "Roadmap Planner", "Date": None}
