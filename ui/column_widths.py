"""Column widths that never clip their header: the spec's width, grown with the font and the title."""

from __future__ import annotations

from typing import Iterable

from PySide6.QtWidgets import QTableView

REFERENCE_LINE = 14
"""Line height (px) of the font the widths in column specs were chosen for (9 pt at 96 dpi)."""


def font_scale(widget) -> float:
    """How much bigger than the reference font this widget's font is (never below 1)."""
    return max(1.0, widget.fontMetrics().height() / REFERENCE_LINE)


def fitted_width(table: QTableView, column: int, width: int, texts: Iterable[str] = ()) -> int:
    """`width` grown with the font, and at least the header's title (bold, with room for the
    sort arrow) and the widest of `texts` (values that must show whole, such as date spans)."""
    title = table.horizontalHeader().sectionSizeFromContents(column).width()
    metrics = table.fontMetrics()
    content = max((metrics.horizontalAdvance(t) + 16 for t in texts if t), default=0)
    return max(round(width * font_scale(table)), title, content)


def fit_columns(table: QTableView, columns, texts_of: dict[str, Iterable[str]] | None = None) -> None:
    """Size every column of a `PlanTableModel` view from its specs (see `fitted_width`)."""
    texts_of = texts_of or {}
    for number, spec in enumerate(columns):
        table.setColumnWidth(number, fitted_width(table, number, spec.width, texts_of.get(spec.key, ())))
