"""CSV export of one table, safe to open in a spreadsheet (OWASP CSV injection rules)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from planner.i18n import _
from planner.document.atomic import atomic_write
from planner.errors import ExportFailed
from planner.excel import rows as xr
from planner.excel import schema as sc
from planner.excel.cellsafe import is_formula_like
from planner.plan import Plan

CSV_TABLES = {"tasks": sc.TASKS, "system": sc.SYSTEM, "stats": sc.STATS, "raci": sc.DIVISION}


def safe_field(value: object, lang: str = "zh", column: sc.Column | None = None) -> str:
    """A field as text; one that a spreadsheet could take for a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if column is not None and column.kind == "enum" and isinstance(value, str):
        value = sc.ENUM_LABELS[column.ref].get(value, (value, value))[lang == "en"]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def _rows(plan: Plan, kind: str) -> list[dict]:
    if kind == "tasks":
        return xr.task_rows(sc.TASKS, plan)[0]
    if kind == "system":
        return xr.cell_rows(sc.SYSTEM, plan)[0]
    if kind == "stats":
        return xr.reading_rows(plan)
    return xr.division_rows(sc.DIVISION, plan)


def export_csv(plan: Plan, kind: str, path: Path | str, *, lang: str = "zh") -> None:
    """Every field quoted, quotes doubled, UTF-8 with a BOM so Excel reads the Chinese text."""
    if kind not in CSV_TABLES:
        raise ExportFailed(_("CSV export covers {value}; use .xlsx for {kind}.", value=', '.join(CSV_TABLES), kind=repr(kind)))
    spec = CSV_TABLES[kind]
    columns = [c for c in spec.columns if c.kind != "formula"]
    with atomic_write(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
            writer.writerow([c.header(lang) for c in columns])
            for row in _rows(plan, kind):
                writer.writerow([safe_field(row.get(c.key), lang, c) for c in columns])
