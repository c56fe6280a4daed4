"""Tables and trees on paper: the header row and the ID/name columns repeated on every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from ui.printing.page import PrintOptions, fit_scale, print_font

PAD = 4
MIN_ROW = 20
MAX_ROW = 140  # a long multi-line cell is cut rather than filling a page
MAX_COLUMN = 320


@dataclass
class _Row:
    texts: list[str]
    backgrounds: list[QColor | None]
    alignments: list[int]
    depth: int
    bold: bool
    height: float = MIN_ROW


class TableSource:
    """A model's rows as shown (the view's filter and sort, its column widths), paginated."""

    def __init__(self, title: str, model, view=None, *, key_columns: int | tuple[str, ...] = 1,
                 skip_row: Callable[[int], bool] | None = None, wrap: bool = True):
        """`key_columns`: how many leading columns, or which column keys, repeat on every page."""
        self.title = title
        self.font = print_font(11)
        self.bold_font = print_font(11, bold=True)
        shown = [c for c in range(model.columnCount()) if view is None or not _hidden(view, c)]
        if isinstance(key_columns, tuple):  # named keys print first, in the view's order
            specs = getattr(model, "columns", [])
            named = [c for c in shown if c < len(specs) and specs[c].key in key_columns]
            shown = named + [c for c in shown if c not in named]
            key_columns = len(named)
        self.columns = shown
        self.widths = [float(min(MAX_COLUMN, max(40, _width(view, c)))) for c in self.columns]
        # From here on a column is its position in self.columns.
        self.titles = [str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
                       for c in self.columns]
        self.key_columns = min(key_columns, len(self.columns))
        self.wrap = wrap
        self.tree = not hasattr(model, "row_at")  # a tree model (OKRs): children follow their parent
        self.rows: list[_Row] = []
        self._collect(model, QModelIndex(), 0, skip_row)
        metrics = QFontMetricsF(self.bold_font)
        self.header_h = max(MIN_ROW + 4, max((self._text_height(metrics, t, w) for t, w in zip(self.titles, self.widths)),
                                             default=MIN_ROW))
        self._measure()
        self.pages: list[tuple[list[_Row], list[int]]] = []
        self.scale = 1.0

    # --- rows ---------------------------------------------------------------------------------
    def _collect(self, model, parent: QModelIndex, depth: int, skip_row) -> None:
        for row in range(model.rowCount(parent)):
            if parent == QModelIndex() and skip_row is not None and skip_row(row):
                continue
            texts, backgrounds, alignments = [], [], []
            bold = False
            for column in self.columns:
                index = model.index(row, column, parent)
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(value, bool) or value is None:
                    check = model.data(index, Qt.ItemDataRole.CheckStateRole)
                    value = "✓" if check in (Qt.CheckState.Checked, 2) else ("" if value in (None, False) else "✓")
                texts.append(str(value))
                background = model.data(index, Qt.ItemDataRole.BackgroundRole)
                if isinstance(background, QBrush):
                    background = background.color()
                backgrounds.append(QColor(background) if background is not None else None)
                alignment = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
                alignments.append(int(alignment) if alignment is not None else int(Qt.AlignLeft | Qt.AlignVCenter))
                font = model.data(index, Qt.ItemDataRole.FontRole)
                bold = bold or bool(font is not None and getattr(font, "bold", lambda: False)())
            self.rows.append(_Row(texts, backgrounds, alignments, depth, bold))
            if self.tree:
                child = model.index(row, 0, parent)
                if model.rowCount(child):
                    self._collect(model, child, depth + 1, skip_row)

    def _text_height(self, metrics: QFontMetricsF, text: str, width: float) -> float:
        if not self.wrap:
            return MIN_ROW
        rect = metrics.boundingRect(QRectF(0, 0, max(10.0, width - 2 * PAD), 10000),
                                    int(Qt.TextWordWrap), text)
        return rect.height() + 2 * PAD

    def _measure(self) -> None:
        metrics = QFontMetricsF(self.font)
        for row in self.rows:
            height = max((self._text_height(metrics, t, w) for t, w in zip(row.texts, self.widths) if t),
                         default=MIN_ROW)
            row.height = min(MAX_ROW, max(MIN_ROW, height))

    # --- pages --------------------------------------------------------------------------------
    def paginate(self, width: float, height: float, options: PrintOptions) -> int:
        key_w = sum(self.widths[:self.key_columns])
        if key_w > width * 0.5:  # a narrow page keeps the first column only
            self.key_columns = min(1, self.key_columns)
            key_w = sum(self.widths[:self.key_columns])
        rest = list(range(self.key_columns, len(self.columns)))
        self.scale = fit_scale(key_w, sum(self.widths[c] for c in rest), width, options.pages_wide)
        room_w, room_h = width / self.scale, height / self.scale
        slices: list[list[int]] = []
        current: list[int] = []
        used = key_w
        for c in rest:
            if current and used + self.widths[c] > room_w + 0.5:
                slices.append(current)
                current, used = [], key_w
            current.append(c)
            used += self.widths[c]
        if current or not slices:
            slices.append(current)
        blocks: list[list[_Row]] = []
        block: list[_Row] = []
        used_h = self.header_h
        for row in self.rows:
            if block and used_h + row.height > room_h:
                blocks.append(block)
                block, used_h = [], self.header_h
            block.append(row)
            used_h += row.height
        if block or not blocks:
            blocks.append(block)
        keys = list(range(self.key_columns))
        self.pages = [(b, keys + s) for b in blocks for s in slices]
        return len(self.pages)

    def paint_page(self, p: QPainter, number: int, width: float, height: float) -> None:
        rows, columns = self.pages[number]
        p.save()
        p.scale(self.scale, self.scale)
        grid = QPen(QColor("#d0d7de"), 0.6)
        x = 0.0
        for column in columns:
            w = self.widths[column]
            rect = QRectF(x, 0, w, self.header_h)
            p.fillRect(rect, QColor("#eaeef2"))
            p.setPen(grid)
            p.drawRect(rect)
            p.setPen(QColor("#1f2328"))
            p.setFont(self.bold_font)
            p.drawText(rect.adjusted(PAD, PAD, -PAD, -PAD), int(Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap),
                       self.titles[column])
            x += w
        y = self.header_h
        for row in rows:
            x = 0.0
            for position, column in enumerate(columns):
                w = self.widths[column]
                rect = QRectF(x, y, w, row.height)
                if row.backgrounds[column] is not None:
                    p.fillRect(rect, row.backgrounds[column])
                p.setPen(grid)
                p.drawRect(rect)
                p.setPen(QColor("#1f2328"))
                p.setFont(self.bold_font if row.bold else self.font)
                indent = 12 * row.depth if position == 0 else 0
                flags = row.alignments[column] | (int(Qt.TextWordWrap) if self.wrap else 0)
                p.save()
                p.setClipRect(rect)
                p.drawText(rect.adjusted(PAD + indent, PAD / 2, -PAD, -PAD / 2), flags, row.texts[column])
                p.restore()
                x += w
            y += row.height
        p.restore()


def _hidden(view, column: int) -> bool:
    return bool(getattr(view, "isColumnHidden", lambda c: False)(column))


def _width(view, column: int) -> int:
    if view is None:
        return 100
    width = view.columnWidth(column)
    return width if width > 0 else 100
