"""The deviation analysis as a workbook the owners fill in: cause, action, owner, deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter

from planner.i18n import _
from planner.document.atomic import atomic_write
from planner.errors import ExportFailed
from planner.excel.cellsafe import ExportNotes, clean_text, is_formula_like
from planner.plan import Plan
from planner.reports.deviation import _checked, _t, figures_of, off_target

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells the owners fill in
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INPUT_WIDTHS = (40, 40, 14, 14)


def sheet_title(lang: str) -> str:
    return _t(lang, "偏差分析", "Deviation analysis")


def input_headers(lang: str) -> list[str]:
    return [_t(lang, "原因分析", "Cause"), _t(lang, "纠正措施", "Corrective action"), _t(lang, "责任人", "Owner"),
            _t(lang, "完成期限", "Deadline")]


def write_deviation_xlsx(plan: Plan, path: Path | str, *, lang: str = "zh", today: dt.date | None = None) -> Path:
    """One row per indicator more than 10% off: its figures, exception note, then blank input cells."""
    target = _checked(path, ".xlsx")
    lang = "en" if lang.startswith("en") else "zh"
    status_date = today or plan.programme.status_date or dt.date.today()
    statuses = off_target(plan, status_date)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(lang)
    notes = ExportNotes()
    _text(ws, 1, 1, f"{_t(lang, '偏差分析报告', 'Deviation analysis')} · {plan.programme.name} · "
                    f"{_t(lang, '统计日期', 'Status date')} {status_date}", notes).font = Font(bold=True, size=13)
    fixed = [label for label, _ in figures_of(plan, statuses[0], lang)] if statuses else []
    headers = [_t(lang, "指标名称", "Indicator")] + fixed + [_t(lang, "异常说明", "Exception note")] + input_headers(lang)
    for col, title in enumerate(headers, 1):
        cell = _text(ws, 3, col, title, notes)
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row, status in enumerate(statuses, 4):
        values = [status.name] + [v for _, v in figures_of(plan, status, lang)] + [status.exception_note]
        for col, value in enumerate(values, 1):
            _text(ws, row, col, value, notes).border = BORDER
        for offset in range(len(INPUT_WIDTHS)):
            cell = ws.cell(row=row, column=len(values) + 1 + offset)
            cell.fill, cell.border = INPUT_FILL, BORDER
            cell.protection = Protection(locked=False)
            cell.number_format = "@"  # typed text stays text, even "=..." or "2025-5"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if not statuses:
        _text(ws, 4, 1, _t(lang, "没有偏差超过 10% 的指标。", "No indicator is more than 10% off."), notes)
    _layout(ws, len(headers), len(statuses))
    try:
        with atomic_write(target) as tmp:
            wb.save(tmp)
    except OSError as exc:
        raise ExportFailed(_("Could not write {name}: {value}", name=target.name, value=exc.strerror or exc), where=str(target)) from exc
    return target


def _text(ws, row: int, col: int, value: str, notes: ExportNotes):
    """User text is always a string cell (quote-prefixed if it looks like a formula), never a formula."""
    cell = ws.cell(row=row, column=col)
    if value:
        text = clean_text(str(value), f"{ws.title}!{get_column_letter(col)}{row}", notes)
        cell.value = text
        cell.data_type = "s"
        if is_formula_like(text):
            cell.quotePrefix = True
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _layout(ws, columns: int, rows: int) -> None:
    widths = [24] + [14] * (columns - 6) + [36] + list(INPUT_WIDTHS)
    for col, width in enumerate(widths[:columns], 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for row in range(4, 4 + rows):
        ws.row_dimensions[row].height = 60
