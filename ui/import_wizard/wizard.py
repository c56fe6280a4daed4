"""The import wizard over the core preview: files, sheet and column map, problems, conflicts.

The workbooks are read once, off the GUI thread (`ReadThread`); every change the user makes (a
column's field, the header row, a skipped row, a corrected value, a conflict decision) runs the
core's `preview_grids` again on the grids already read, so the preview below follows at once.
Nothing is written to the workbook nor the plan until Import, which is one undo step.
"""

from __future__ import annotations

import copy
import gc
import re
import time
from pathlib import Path

from openpyxl.utils import column_index_from_string
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QProgressBar, QPushButton, QSpinBox, QSplitter, QStackedWidget, QTableWidget,
    QVBoxLayout, QWidget,
)

from planner.excel.colmap import ColumnMap, MappedColumn, RowAction
from planner.excel.headers import field_label, kind_label, match_header, synonyms
from planner.excel.preview import ImportOptions, Preview, preview_grids
from planner.excel.records import LABEL
from ui.import_dialog import _HEADERS, ERROR_BRUSH, WARNING_BRUSH, _item, _key, _short
from ui.import_wizard import map_store
from ui.import_wizard.reader import ReadThread, saved_maps_for
from ui.import_wizard.rows_model import RowsView
from ui.import_wizard.sheet_view import SheetView, cell_text


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


STEPS = (QT_TRANSLATE_NOOP("ImportWizard", "1 Files"), QT_TRANSLATE_NOOP("ImportWizard", "2 Sheet and columns"),
         QT_TRANSLATE_NOOP("ImportWizard", "3 Problems"), QT_TRANSLATE_NOOP("ImportWizard", "4 Conflicts and import"))

# The core's reasons for a guess are plain English; shown in the UI's language.
_REASONS = {
    "not recognised: kept as a note": QT_TRANSLATE_NOOP("ImportWizard", "not recognised: kept as a note"),
    "no header": QT_TRANSLATE_NOOP("ImportWizard", "no header"),
    "a timeline column (dates, weeks or months)": QT_TRANSLATE_NOOP("ImportWizard", "a timeline column (dates, weeks or months)"),
    "a timeline column": QT_TRANSLATE_NOOP("ImportWizard", "a timeline column"),
    "R/A/C/I letters below": QT_TRANSLATE_NOOP("ImportWizard", "R/A/C/I letters below"),
    "the text column before the letters": QT_TRANSLATE_NOOP("ImportWizard", "the text column before the letters"),
    "numbers under the task-name header": QT_TRANSLATE_NOOP("ImportWizard", "numbers under the task-name header"),
    "text values; no task-name header": QT_TRANSLATE_NOOP("ImportWizard", "text values; no task-name header"),
    "no task-name column: this column names the tasks": QT_TRANSLATE_NOOP("ImportWizard", "no task-name column: this column names the tasks"),
    "chosen by you": QT_TRANSLATE_NOOP("ImportWizard", "chosen by you"),
    "from the saved map": QT_TRANSLATE_NOOP("ImportWizard", "from the saved map"),
    "header row changed": QT_TRANSLATE_NOOP("ImportWizard", "header row changed"),
}


# The core's names of the tables (records.LABEL), for lupdate; shown through `table_label`.
_TABLES = (QT_TRANSLATE_NOOP("ImportWizard", "plan"), QT_TRANSLATE_NOOP("ImportWizard", "calendar day"),
           QT_TRANSLATE_NOOP("ImportWizard", "stage"), QT_TRANSLATE_NOOP("ImportWizard", "module"),
           QT_TRANSLATE_NOOP("ImportWizard", "roadmap cell"), QT_TRANSLATE_NOOP("ImportWizard", "task"),
           QT_TRANSLATE_NOOP("ImportWizard", "team"), QT_TRANSLATE_NOOP("ImportWizard", "role"),
           QT_TRANSLATE_NOOP("ImportWizard", "task role"), QT_TRANSLATE_NOOP("ImportWizard", "dependency"),
           QT_TRANSLATE_NOOP("ImportWizard", "milestone"), QT_TRANSLATE_NOOP("ImportWizard", "risk"),
           QT_TRANSLATE_NOOP("ImportWizard", "RACI letter"), QT_TRANSLATE_NOOP("ImportWizard", "division of work"),
           QT_TRANSLATE_NOOP("ImportWizard", "objective"), QT_TRANSLATE_NOOP("ImportWizard", "indicator"),
           QT_TRANSLATE_NOOP("ImportWizard", "key result"), QT_TRANSLATE_NOOP("ImportWizard", "key-result link"),
           QT_TRANSLATE_NOOP("ImportWizard", "reading"), QT_TRANSLATE_NOOP("ImportWizard", "baseline"),
           QT_TRANSLATE_NOOP("ImportWizard", "baseline task"))


def table_label(table) -> str:
    return tr(LABEL.get(table, getattr(table, "__name__", str(table))))


def field_text(table, name: str, lang: str) -> str:
    """A record's field as the column header users know (建设内容 / Task), as the import dialog shows it."""
    names = _HEADERS.get((table, name)) or _HEADERS.get((None, name))
    return (names[1] if lang == "en" else names[0]) if names else name


def _value(name: str, v) -> str:
    if name == "progress" and isinstance(v, (int, float)) and not isinstance(v, bool):
        return f"{v:.0%}"
    return _short(cell_text(v))


def values_text(table, record, lang: str) -> str:
    return "; ".join(f"{field_text(table, k, lang)}: {_value(k, v)}" for k, v in record.values.items()
                     if k not in ("order", "period_style", "code") and v not in (None, "") and not isinstance(v, tuple))


def reason_text(reason: str) -> str:
    if reason in _REASONS:
        return tr(_REASONS[reason])
    hit = re.fullmatch(r"synonym (.+)", reason)
    if hit:
        return tr("synonym {synonym}").format(synonym=hit.group(1))
    hit = re.fullmatch(r"same field as column ([A-Z]+)", reason)
    if hit:
        return tr("same field as column {column}").format(column=hit.group(1))
    return reason


def split_place(sheet: str) -> tuple[str, str]:
    """"a.xlsx › 计划" -> ("a.xlsx", "计划"); a bare name is a file or a sheet of any file."""
    if " › " in sheet:
        file, _sep, rest = sheet.partition(" › ")
        head, bang, row = rest.rpartition("!")
        return file, head if bang and row.isdigit() else rest  # an origin: "a.xlsx › 计划!4"
    return "", sheet


def _drop_widgets(table: QTableWidget, column: int) -> None:
    """Hide and release the combos of a column before it is refilled (Qt deletes them later)."""
    for r in range(table.rowCount()):
        w = table.cellWidget(r, column)
        if w is not None:
            w.hide()
            table.removeCellWidget(r, column)


def _table(headers: list[str], stretch: int = -1) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1 if stretch < 0 else stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


class ImportWizard(QDialog):
    """`paths` are read when the dialog is built; `preview` is the current preview (None while reading)."""

    def __init__(self, paths: list[Path], plan=None, parent: QWidget | None = None, lang: str | None = None, *,
                 start: bool = True):
        super().__init__(parent)
        self.setWindowTitle(tr("Import from Excel"))
        self.resize(1100, 700)
        self.paths = [Path(p) for p in paths]
        from planner.i18n import language

        self.plan = plan
        self.lang = lang or ("zh" if language() == "zh_CN" else "en")  # header names follow the window's language
        self.books = None
        self.preview: Preview | None = None
        self.maps: dict[tuple[str, str], ColumnMap] = {}  # (file, sheet) -> the map in use (edited or saved)
        self.from_saved: set[tuple[str, str]] = set()
        self.actions: list[RowAction] = []
        self.conflict_choices: dict[str, str] = {}
        self.conflict_default = ""  # "" each conflict decided, or overwrite / keep for all undecided
        self.period = ""
        self.last_refresh_ms = 0.0
        self._filling = False

        self.steps = QListWidget()
        self.steps.addItems([tr(s) for s in STEPS])
        self.steps.setFixedWidth(190)
        self.stack = QStackedWidget()
        for page in (self._files_page(), self._columns_page(), self._problems_page(), self._conflicts_page()):
            self.stack.addWidget(page)
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.counts = QLabel()
        self.counts.setObjectName("import_counts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.counts.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = QPushButton(tr("< Back"))
        self.next_button = QPushButton(tr("Next >"))
        self.import_button = self.buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.import_button.setEnabled(False)
        self.go(0)
        self.reader = ReadThread(self.paths, plan)
        self.destroyed.connect(self.reader.cancel)
        self.reader.progress.connect(self._on_reader_progress)
        self.reader.read.connect(self._on_reader_read)
        self._show_counts()
        if start:
            self.reader.start()

    # --- pages ------------------------------------------------------------------------------
    def _files_page(self) -> QWidget:
        page = QWidget()
        self.files = _table([tr("File"), tr("Status"), tr("Tables found"), tr("Problems")], stretch=2)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, len(self.paths)))
        self.progress_label = QLabel(tr("Reading…"))
        self.cancel_read = QPushButton(tr("Cancel reading"))
        self.cancel_read.clicked.connect(self._on_cancel_read_clicked)
        row = QHBoxLayout()
        for w in (self.progress_label, self.progress, self.cancel_read):
            row.addWidget(w)
        self.collection = QLabel()
        self.collection.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(tr("The workbooks are read once; nothing is written to them nor to the plan before Import.")))
        layout.addLayout(row)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.collection)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.sheet_choice = QComboBox()
        self.sheet_choice.currentIndexChanged.connect(self._on_sheet_choice_changed)
        self.sheet_status = QLabel()
        self.sheet_status.setWordWrap(True)
        self.saved_notice = QLabel()
        self.saved_notice.setWordWrap(True)
        self.saved_notice.setObjectName("saved_map_notice")
        self.use_guess = QPushButton(tr("Use the guess instead"))
        self.use_guess.clicked.connect(self._on_use_guess_clicked)
        self.sheet = SheetView()
        self.header_row = QSpinBox()
        self.header_row.setMinimum(1)
        self.first_row = QSpinBox()
        self.first_row.setMinimum(2)
        self.header_row.valueChanged.connect(self._on_header_row_changed)
        self.first_row.valueChanged.connect(self._on_first_row_changed)
        self.save_map = QPushButton(tr("Save this map for these headers"))
        self.save_map.clicked.connect(self._on_save_map_clicked)
        self.columns = _table([tr("Column"), tr("Header"), tr("Read as"), tr("Why")])
        self.rows_preview = RowsView([tr("Action"), tr("Item"), tr("Values"), tr("Row")], stretch=2, widths=(60, 110))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Sheet:")))
        top.addWidget(self.sheet_choice, 1)
        rows = QHBoxLayout()
        form = QFormLayout()
        form.addRow(tr("Header row:"), self.header_row)
        rows.addLayout(form)
        form2 = QFormLayout()
        form2.addRow(tr("First data row:"), self.first_row)
        rows.addLayout(form2)
        rows.addStretch(1)
        rows.addWidget(self.save_map)
        notice = QHBoxLayout()
        notice.addWidget(self.saved_notice, 1)
        notice.addWidget(self.use_guess)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.sheet)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self.columns)
        middle.addWidget(self.rows_preview)
        middle.setSizes([420, 560])
        split.addWidget(middle)
        split.setSizes([260, 300])
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.sheet_status)
        layout.addLayout(notice)
        layout.addLayout(rows)
        layout.addWidget(split, 1)
        return page

    def _problems_page(self) -> QWidget:
        page = QWidget()
        self.problems = RowsView([tr("Level"), tr("Sheet"), tr("Row"), tr("Column"), tr("Value"), tr("Reason")],
                                 widths=(70, 170, 50, 60, 90))
        self.problem_items = []
        self.problems.doubleClicked.connect(lambda index: self._on_problems_cellDoubleClicked(index.row(), index.column()))
        self.problems.selectionModel().selectionChanged.connect(self._on_problems_itemSelectionChanged)
        self.drop_button = QPushButton(tr("Import the row without this value"))
        self.skip_button = QPushButton(tr("Skip the row"))
        self.corrected = QLineEdit()
        self.corrected.setPlaceholderText(tr("corrected value, e.g. 2025-03-14"))
        self.correct_button = QPushButton(tr("Use the corrected value"))
        self.drop_button.clicked.connect(lambda: self._decide("drop"))
        self.skip_button.clicked.connect(lambda: self._decide("skip"))
        self.correct_button.clicked.connect(lambda: self._decide("set"))
        self.corrected.returnPressed.connect(lambda: self._decide("set"))
        self.period_label = QLabel(tr("Reporting period:"))
        self.period_edit = QLineEdit()
        self.period_edit.setPlaceholderText(tr("e.g. 2025-03 or 2025-W12"))
        self.period_button = QPushButton(tr("Use this period"))
        self.period_button.clicked.connect(self._on_period_button_clicked)
        self.decisions = QListWidget()
        self.decisions.setMaximumHeight(110)
        self.undo_decision = QPushButton(tr("Remove the decision"))
        self.undo_decision.clicked.connect(self._on_undo_decision_clicked)
        act = QHBoxLayout()
        for w in (self.drop_button, self.skip_button, self.corrected, self.correct_button):
            act.addWidget(w)
        period = QHBoxLayout()
        for w in (self.period_label, self.period_edit, self.period_button):
            period.addWidget(w)
        period.addStretch(1)
        dec = QHBoxLayout()
        dec.addWidget(self.decisions, 1)
        dec.addWidget(self.undo_decision, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(tr("Double-click a problem to see its cell. The workbook itself is not changed.")))
        layout.addLayout(period)
        layout.addWidget(self.problems, 1)
        layout.addLayout(act)
        layout.addWidget(QLabel(tr("Your decisions:")))
        layout.addLayout(dec)
        return page

    def _conflicts_page(self) -> QWidget:
        page = QWidget()
        self.conflict_note = QLabel()
        self.conflict_note.setWordWrap(True)
        self.conflicts = _table([tr("Item"), tr("In the plan"), tr("In the workbook"), tr("Decision")], stretch=0)
        self.changes = RowsView([tr("Action"), tr("Item"), tr("Details"), tr("From")], stretch=2, widths=(70, 150))
        self.conflict_all = QComboBox()
        for value, label in (("", tr("Decide one by one")), ("overwrite", tr("Overwrite every older figure with the workbook")),
                             ("keep", tr("Keep the plan's figure every time"))):
            self.conflict_all.addItem(label, value)
        self.conflict_all.currentIndexChanged.connect(lambda _i: self._on_conflict_all_changed())
        layout = QVBoxLayout(page)
        layout.addWidget(self.conflict_note)
        all_row = QHBoxLayout()
        self.conflict_all_label = QLabel(tr("For the undecided ones:"))
        all_row.addWidget(self.conflict_all_label)
        all_row.addWidget(self.conflict_all)
        all_row.addStretch(1)
        layout.addLayout(all_row)
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(QLabel(tr("What Import will do (one undo step):")))
        layout.addWidget(self.changes, 2)
        return page

    def go(self, index: int) -> None:
        index = max(0, min(index, self.stack.count() - 1))
        self.stack.setCurrentIndex(index)
        self.steps.setCurrentRow(index)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.stack.count() - 1)

    # --- reading ----------------------------------------------------------------------------
    def _on_reader_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress_label.setText(tr("Reading {file}…").format(file=name) if name else tr("Read"))

    def _on_cancel_read_clicked(self) -> None:
        self.reader.cancel()
        self.progress_label.setText(tr("Reading cancelled: nothing will be imported."))
        self.cancel_read.setEnabled(False)

    def _on_reader_read(self, books, preview, saved) -> None:
        self.set_books(books, preview, saved)

    def set_books(self, books, preview: Preview | None = None, saved: dict | None = None) -> None:
        """The grids read and their first preview (with the saved maps for the same headers
        applied), both built by the reading thread; shown here."""
        self.books = books
        self.cancel_read.setEnabled(False)
        self.progress.setValue(self.progress.maximum())
        self.progress_label.setText(tr("Read"))
        if preview is None:
            saved = saved_maps_for(preview_grids(books, self.plan, self.options()))
            self.maps.update(saved)
            preview = preview_grids(books, self.plan, self.options())
        else:
            self.maps.update(saved or {})
        self.from_saved |= set(saved or {})
        self.show_preview(preview)
        self._fill_sheet_choice()

    def ready(self) -> bool:
        return self.preview is not None

    def wait_read(self, timeout_ms: int = 30_000) -> bool:
        """Block until the read is done (scripts and tests); the events it posts are delivered."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.preview is None and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            self.reader.wait(20)
        QCoreApplication.processEvents()
        return self.preview is not None

    def done(self, result: int) -> None:
        self.reader.cancel()
        self.reader.wait()
        super().done(result)

    # --- the preview ------------------------------------------------------------------------
    def options(self) -> ImportOptions:
        return ImportOptions(period=self.period, maps=list(self.maps.values()), row_actions=list(self.actions),
                             conflicts=dict(self.conflict_choices), conflict_default=self.conflict_default)

    def refresh(self) -> None:
        """Map the grids again with the current choices and show the result everywhere."""
        if self.books is None:
            return
        started = time.perf_counter()
        enabled = gc.isenabled()
        gc.disable()  # as the core's reader: the preview's many small objects would be rescanned for nothing
        try:
            self.show_preview(preview_grids(self.books, self.plan, self.options()))
        finally:
            if enabled:
                gc.enable()
        self.last_refresh_ms = (time.perf_counter() - started) * 1000

    def show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self._show_counts()
        self._fill_files()
        self._fill_columns()
        self._fill_rows_preview()
        self._fill_problems()
        self._fill_conflicts()
        self._fill_decisions()
        self.import_button.setEnabled(self.preview.ok)

    def _show_counts(self) -> None:
        if self.preview is None:
            self.counts.setText(tr("Reading the workbooks…"))
            return
        c = self.preview.counts()
        text = tr("{add} rows to add, {change} to change, {skip} skipped").format(**c)
        undecided = sum(1 for x in self.preview.conflicts if not x.decision)
        extra = [tr("{n} error(s)").format(n=c["errors"]), tr("{n} warning(s)").format(n=c["warnings"])]
        if self.preview.conflicts:
            extra.append(tr("{n} conflict(s) with newer plan data, {u} undecided").format(n=c["conflicts"], u=undecided))
        self.counts.setText(text + " — " + ", ".join(extra))

    def _fill_files(self) -> None:
        p = self.preview
        coll = p.collection
        late = set(coll.late) if coll else set()
        team_of = {m.get("file"): m.get("team", "") for m in p.meta}
        conflicting = {split_place(c.origin)[0] or c.origin.split(" ")[0] for c in p.conflicts}
        rows = []
        for path in self.paths:
            name = path.name
            mine = [x for x in p.problems.items if x.sheet == name or x.sheet.startswith(name + " › ")]
            errors = sum(1 for x in mine if x.level == "error")
            if name not in self.books.opened:
                status = tr("not read")
            elif name in conflicting:
                status = tr("conflicting")
            elif team_of.get(name) in late:
                status = tr("late")
            elif name in team_of:
                status = tr("returned")
            else:
                status = tr("read")
            tables = [f"{r.sheet}: {kind_label(r.map.kind)} ({len(r.lifted.rows) if r.lifted else 0})" if r.map else
                      f"{r.sheet}: " + ", ".join(self._spec_name(t.spec) for t in r.tables)
                      for r in p.sheets if r.file == name and (r.map is not None or r.tables)]
            rows.append((name, status, "; ".join(tables) or "-",
                         tr("{e} error(s), {w} warning(s)").format(e=errors, w=len(mine) - errors)))
        for team in (coll.missing if coll else []):
            rows.append((team, tr("missing"), "-", "-"))
        self.files.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                self.files.setItem(r, c, _item(v))
        self.files.resizeColumnsToContents()
        lines = []
        if coll is not None:
            lines.append(tr("Period {period}: {n} team(s) returned").format(period=coll.period, n=len(coll.returned)))
            if coll.missing:
                lines.append(tr("Missing: {teams}").format(teams="、".join(coll.missing)))
            if coll.late:
                lines.append(tr("Late: {teams}").format(teams="、".join(coll.late)))
        self.collection.setText("\n".join(lines))

    # --- sheet and columns --------------------------------------------------------------------
    def _fill_sheet_choice(self) -> None:
        self._filling = True
        self.sheet_choice.clear()
        for r in self.preview.sheets:
            status = {"table": tr("table found"), "template": tr("our template"), "none": tr("no table"),
                      "hidden": tr("hidden, skipped"), "cover": tr("cover sheet"), "meta": tr("app data"),
                      "empty": tr("empty")}.get(r.status, r.status)
            self.sheet_choice.addItem(f"{r.file} › {r.sheet} — {status}", (r.file, r.sheet))
        self._filling = False
        first = next((i for i, r in enumerate(self.preview.sheets) if r.map is not None), 0)
        self.sheet_choice.setCurrentIndex(first)
        self._on_sheet_choice_changed(first)

    def current_report(self):
        key = self.sheet_choice.currentData()
        if self.preview is None or key is None:
            return None
        return next((r for r in self.preview.sheets if (r.file, r.sheet) == tuple(key)), None)

    def current_grid(self):
        key = self.sheet_choice.currentData()
        if self.books is None or key is None:
            return None
        return next((g for g in self.books.grids.get(key[0], []) if g.name == key[1]), None)

    def select_sheet(self, file: str, sheet: str) -> bool:
        for i in range(self.sheet_choice.count()):
            f, s = self.sheet_choice.itemData(i)
            if s == sheet and (not file or f == file):
                self.sheet_choice.setCurrentIndex(i)
                return True
        return False

    def _on_sheet_choice_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._fill_columns()
        self._fill_rows_preview()

    def _fill_columns(self) -> None:
        report = self.current_report()
        grid = self.current_grid()
        cmap = report.map if report is not None else None
        self._filling = True
        try:
            self.sheet.show_grid(grid, cmap.header_row if cmap else (report.tables[0].header_row if report and report.tables else -1),
                                 cmap.first_data_row if cmap else -1)
            self._sheet_status(report)
            key = (report.file, report.sheet) if report else None
            self.saved_notice.setVisible(key in self.from_saved)
            self.use_guess.setVisible(key in self.from_saved)
            if key in self.from_saved:
                self.saved_notice.setText(tr("A saved map for these headers was applied. It is listed under Settings › Saved column maps."))
            for w in (self.header_row, self.first_row, self.save_map, self.columns):
                w.setEnabled(cmap is not None)
            if cmap is None:
                _drop_widgets(self.columns, 2)
                self.columns.setRowCount(0)
                return
            self.header_row.setMaximum(max(1, len(grid.rows)))
            self.first_row.setMaximum(max(2, len(grid.rows)))
            self.header_row.setValue(cmap.header_row + 1)
            self.first_row.setValue(cmap.first_data_row + 1)
            uses = self._uses(cmap.kind)
            _drop_widgets(self.columns, 2)
            self.columns.setRowCount(len(cmap.columns))
            for r, col in enumerate(cmap.columns):
                self.columns.setItem(r, 0, _item(col.letter))
                self.columns.setItem(r, 1, _item(col.header.replace("\n", " ")))
                combo = QComboBox()
                for use, label in uses:
                    combo.addItem(label, use)
                if combo.findData(col.use) < 0:
                    combo.addItem(col.use, col.use)
                combo.setCurrentIndex(combo.findData(col.use))
                combo.currentIndexChanged.connect(lambda _i, row=r, box=combo: self.set_use(row, box.currentData()))
                self.columns.setCellWidget(r, 2, combo)
                self.columns.setItem(r, 3, _item(reason_text(col.reason)))
            self.columns.resizeColumnsToContents()
            self.columns.setColumnWidth(2, max(self.columns.columnWidth(2), 150))
        finally:
            self._filling = False

    def _sheet_status(self, report) -> None:
        if report is None:
            self.sheet_status.setText("")
        elif report.map is not None:
            self.sheet_status.setText(tr("Found a {kind}: header on row {row}, {n} data row(s) from row {first}.")
                                      .format(kind=kind_label(report.map.kind), row=report.map.header_row + 1,
                                              n=len(report.lifted.rows) if report.lifted else 0,
                                              first=report.map.first_data_row + 1))
        elif report.tables:
            self.sheet_status.setText(tr("Read as our own template: {tables}.").format(
                tables=", ".join(self._spec_name(t.spec) for t in report.tables)))
        elif report.status == "none":
            why = [p.message for p in self.preview.problems.items if p.code == "no_table" and p.sheet.endswith(" › " + report.sheet)]
            self.sheet_status.setText(tr("Skipped: {why}").format(why=why[0] if why else tr("no table found")))
        elif report.status == "hidden":
            self.sheet_status.setText(tr("Skipped: the sheet is hidden."))
        else:
            self.sheet_status.setText(tr("Nothing to map on this sheet."))

    def _spec_name(self, spec) -> str:
        return spec.en if self.lang == "en" else spec.zh

    @staticmethod
    def _uses(kind: str) -> list[tuple[str, str]]:
        fields = list(synonyms()["kinds"].get(kind, {}).get("fields", {}))
        if kind == "raci":
            fields.append("team")
        return ([(f, field_label(kind, f)) for f in fields] +
                [("note", tr("keep as note")), ("ignore", tr("ignore")), ("timeline", tr("timeline (Gantt bars)"))])

    def _editable_map(self) -> ColumnMap | None:
        report = self.current_report()
        if report is None or report.map is None:
            return None
        key = (report.file, report.sheet)
        if key not in self.maps:
            self.maps[key] = copy.deepcopy(report.map)
        return self.maps[key]

    def set_use(self, row: int, use: str) -> None:
        """Read column `row` of the map as `use` (a field, note, ignore) and preview again."""
        if self._filling:
            return
        cmap = self._editable_map()
        if cmap is None or cmap.columns[row].use == use:
            return
        cmap.columns[row].use = use
        cmap.columns[row].reason = "chosen by you"
        self.refresh()

    def _on_header_row_changed(self, value: int) -> None:
        if self._filling:
            return
        cmap, grid = self._editable_map(), self.current_grid()
        if cmap is None or grid is None or value - 1 == cmap.header_row:
            return
        cmap.header_row = value - 1
        row = grid.rows[cmap.header_row] if cmap.header_row < len(grid.rows) else []
        columns = []
        for c, v in enumerate(row):
            text = cell_text(v).strip()
            if not text:
                continue
            hit = match_header(text, cmap.kind)
            columns.append(MappedColumn(c, text, hit[0] if hit else "note", "header row changed"))
        cmap.columns = columns
        cmap.first_data_row = max(cmap.first_data_row, cmap.header_row + 1)
        self.refresh()

    def _on_first_row_changed(self, value: int) -> None:
        if self._filling:
            return
        cmap = self._editable_map()
        if cmap is None or value - 1 == cmap.first_data_row:
            return
        cmap.first_data_row = max(value - 1, cmap.header_row + 1)
        self.refresh()

    def _on_use_guess_clicked(self) -> None:
        report = self.current_report()
        if report is None:
            return
        key = (report.file, report.sheet)
        self.maps.pop(key, None)
        self.from_saved.discard(key)
        self.refresh()

    def _on_save_map_clicked(self) -> None:
        report = self.current_report()
        if report is None or report.map is None:
            return
        cmap = copy.deepcopy(self.maps.get((report.file, report.sheet), report.map))
        try:
            path = map_store.save(cmap)
        except OSError as exc:
            self.saved_notice.setText(tr("The map could not be saved in {folder}: {reason}").format(
                folder=map_store.maps_dir(), reason=exc.strerror or exc))
            self.saved_notice.setVisible(True)
            return
        self.saved_notice.setText(tr("Map saved for these headers: {path}. It is offered for the next workbook with the same "
                                     "headers; planner import --map reads the same file.").format(path=path))
        self.saved_notice.setVisible(True)
        self.last_saved = path

    def _fill_rows_preview(self) -> None:
        report = self.current_report()
        if self.preview is None:
            return
        prefix = f"{report.file} › {report.sheet}!" if report else None
        preview, lang = self.preview, self.lang
        actions: dict = {}
        names = {"add": tr("Add"), "change": tr("Change"), None: tr("Unchanged")}
        rows = [(table, key, record) for table, recs in self.preview.records.by_table.items()
                for key, record in recs.items() if prefix is not None and record.origin.startswith(prefix)]

        def fmt(row):
            table, key, record = row
            if not actions and preview.changes:  # built when a row is first shown, once per preview
                actions.update({(c.table, c.key): c for c in preview.changes})
            change = actions.get((table, key))
            values = values_text(table, record, lang)
            return (names[change.action if change else None], f"{table_label(table)} {_key(key)}", values,
                    record.origin.rsplit("!", 1)[-1])

        self.rows_preview.set_rows(rows, fmt=fmt)

    # --- problems ---------------------------------------------------------------------------
    def _fill_problems(self) -> None:
        items = sorted(self.preview.problems.items, key=lambda p: (p.level != "error", p.sheet, p.row or 0, p.column))
        self.problem_items = items
        error, warning = tr("Error"), tr("Warning")
        self.problems.set_rows(items, [ERROR_BRUSH if p.level == "error" else WARNING_BRUSH for p in items],
                               fmt=lambda p: (error if p.level == "error" else warning, p.sheet, p.row, p.column, p.value,
                                              p.message + (f" — {p.fix}" if p.fix else "")))
        needs_period = any(p.code == "period_unknown" for p in self.preview.problems.errors) or bool(self.period)
        for w in (self.period_label, self.period_edit, self.period_button):
            w.setVisible(needs_period)
        self._on_problems_itemSelectionChanged()

    def select_problem(self, row: int) -> None:
        """Select one problem (whatever modifier keys are held)."""
        from PySide6.QtCore import QItemSelectionModel

        index = self.problems.model().index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.problems.selectionModel().select(index, flags)

    def selected_problem(self):
        rows = self.problems.selected_rows()
        return self.problem_items[rows[0]] if rows and rows[0] < len(self.problem_items) else None

    def _on_problems_itemSelectionChanged(self, *_args) -> None:
        p = self.selected_problem()
        self.skip_button.setEnabled(p is not None and bool(p.row))
        for w in (self.drop_button, self.correct_button, self.corrected):
            w.setEnabled(p is not None and bool(p.row) and bool(p.column))

    def _on_problems_cellDoubleClicked(self, row: int, _column: int) -> None:
        p = self.problem_items[row] if row < len(self.problem_items) else None
        if p is not None:
            self.show_problem(p)

    def show_problem(self, p) -> None:
        """The problem's sheet on the columns step, its cell selected."""
        file, sheet = split_place(p.sheet)
        if not self.select_sheet(file, sheet):
            return
        self.go(1)
        if p.row:
            col = column_index_from_string(p.column) - 1 if p.column and p.column.isalpha() else 0
            self.sheet.show_cell(p.row - 1, col)

    def _decide(self, action: str) -> None:
        p = self.selected_problem()
        if p is None or not p.row:
            return
        file, sheet = split_place(p.sheet)
        if action == "set":
            value = self.corrected.text().strip()
            if not value:
                self.corrected.setFocus()
                return
            self.corrected.clear()
        else:
            value = None
        self.decide(RowAction(sheet, p.row, action, p.column if action != "skip" else "", value, file))

    def decide(self, action: RowAction) -> None:
        same = (action.file, action.sheet, action.row, action.column)
        self.actions = [a for a in self.actions if (a.file, a.sheet, a.row, a.column) != same]
        self.actions.append(action)
        self.refresh()

    def _fill_decisions(self) -> None:
        self.decisions.clear()
        for a in self.actions:
            place = f"{a.file} › {a.sheet} {a.column}{a.row}" if a.column else f"{a.file} › {a.sheet} " + tr("row {row}").format(row=a.row)
            text = {"skip": tr("{place}: row skipped"), "drop": tr("{place}: imported without this value"),
                    "set": tr("{place}: corrected to {value}")}[a.action]
            self.decisions.addItem(text.format(place=place, value=a.value))

    def _on_undo_decision_clicked(self) -> None:
        row = self.decisions.currentRow()
        if 0 <= row < len(self.actions):
            del self.actions[row]
            self.refresh()

    def _on_period_button_clicked(self) -> None:
        self.period = self.period_edit.text().strip()
        self.refresh()

    # --- conflicts and the changes ------------------------------------------------------------
    def _fill_conflicts(self) -> None:
        conflicts = self.preview.conflicts
        self.conflict_note.setText(
            tr("{n} reading(s) in the workbooks are older than the plan's. Choose for each: overwrite with the workbook, "
               "or keep the plan's figure.").format(n=len(conflicts)) if conflicts else
            tr("No conflict with newer plan data."))
        self.conflicts.setVisible(bool(conflicts))
        self.conflict_all.setVisible(bool(conflicts))
        self.conflict_all_label.setVisible(bool(conflicts))
        shown = conflicts[:200]
        _drop_widgets(self.conflicts, 3)
        self.conflicts.setRowCount(len(shown))
        for r, c in enumerate(shown):
            self.conflicts.setItem(r, 0, _item(f"{table_label(c.table)} {_key(c.record_key)} ({c.origin.strip()})"))
            self.conflicts.setItem(r, 1, _item(f"{cell_text(c.plan_value)} ({cell_text(c.plan_date)})"))
            self.conflicts.setItem(r, 2, _item(f"{cell_text(c.file_value)} ({cell_text(c.file_date) or '-'})"))
            combo = QComboBox()
            for value, label in (("", tr("Choose…")), ("overwrite", tr("Overwrite with the workbook")),
                                 ("keep", tr("Keep the plan's figure"))):
                combo.addItem(label, value)
            combo.setCurrentIndex(combo.findData(c.decision))
            combo.currentIndexChanged.connect(lambda _i, key=c.key, box=combo: self.decide_conflict(key, box.currentData()))
            self.conflicts.setCellWidget(r, 3, combo)
        self.conflicts.resizeColumnsToContents()
        add, change, remove, lang, records = tr("Add"), tr("Change"), tr("Remove"), self.lang, self.preview.records

        def fmt(row):
            if isinstance(row, tuple):  # a removal
                return (remove, f"{table_label(row[0])} {_key(row[1])}", "", "")
            if row.action == "add":
                record = records.get(row.table, row.key)
                details = values_text(row.table, record, lang) if record is not None else ""
            else:
                details = "; ".join(f"{field_text(row.table, f, lang)}: {_short(o)} → {_short(n)}" for f, (o, n) in row.fields.items())
            return (add if row.action == "add" else change, f"{table_label(row.table)} {_key(row.key)}", details,
                    row.origin.strip())

        rows = list(self.preview.changes) + list(self.preview.removals)
        self.changes.set_rows(rows, fmt=fmt)

    def _on_conflict_all_changed(self) -> None:
        self.conflict_default = self.conflict_all.currentData()
        self.refresh()

    def decide_conflict(self, key: str, decision: str) -> None:
        if decision:
            self.conflict_choices[key] = decision
        else:
            self.conflict_choices.pop(key, None)
        self.refresh()
