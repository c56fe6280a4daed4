"""GanttView: the schedule on a timeline, edited by dragging.

API for the main window (selection is shared with the task matrix through these):

- ``GanttView(controller)``: a QWidget; add it as a tab. It follows ``controller.changed`` and
  ``controller.document_replaced`` and rebuilds lazily (only while visible); an edit of task fields
  alone keeps the rows and fills the bars again (``_rows_kept``).
- ``selection_changed(list[int])``: emitted when the user selects tasks here (task ids).
- ``select_tasks(ids)``: select (and scroll to) tasks chosen elsewhere; does not emit.
- ``open_task_requested(int)``: a task was double-clicked; the window opens its editor.
- ``set_level("day"|"week"|"month"|"quarter")``, ``zoom_by(f)``, ``zoom_to_fit()``,
  ``zoom_to_selection()``, ``set_time_mode("calendar"|"project")``, ``set_group_by("stage"|
  "module"|"none")``, ``set_baseline(id|None)``.
- ``export_png(path)``, ``export_pdf(path, first=None, last=None)``, ``print_dialog()``.

Gestures (one undo step each, pushed on release through ``controller.push``): drag a bar to
move it, its ends to resize it, the handle under its progress fill to set progress; drag
from the small zone just outside a bar's end to another bar to link them (the ends chosen
give FS, SS, FF or SF); Esc during a drag cancels it. An automatic task dropped somewhere starts no
earlier than there (its links may still push it later). Ctrl+wheel (or Ctrl++ / Ctrl+-) zooms, Shift+wheel pans in time; double-clicking a
group row collapses it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QComboBox, QSplitter, QToolBar, QVBoxLayout, QWidget

from planner.changes import Area
from planner.collector import paused
from planner.gantt import BY_MODULE, BY_STAGE, CALENDAR, FLAT, LEVELS, PROJECT, TimeScale, build_data, build_rows
from planner.gantt.hit import hit_test
from planner.gantt.layout import GanttLayout, stage_lanes
from planner.gantt.rows import GROUP, TASK
from planner.gantt.data import patch_data
from planner.gantt.source import dates_only
from planner.gantt.workdays import calendar_for
from ui import baseline_box, settings
from ui.gantt import export, paint
from ui.gantt.fonts import gantt_font
from ui.gantt.panes import NamesPane, TimelineArea
from ui.gantt.tooltip import tooltip_for

_REBUILD = (Area.TASKS | Area.DEPENDENCIES | Area.SCHEDULE | Area.STAGES | Area.MODULES | Area.MILESTONES
            | Area.BASELINES | Area.PROGRAMME)
_PATCHED = Area.TASKS | Area.SCHEDULE  # edits of task rows alone keep the rows and links (see `_rows_kept`)


def tr(text: str) -> str:
    return QCoreApplication.translate("Gantt", text)


class GanttView(QWidget):
    selection_changed = Signal(list)
    open_task_requested = Signal(int)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.group_by, self.mode, self.baseline_id = BY_STAGE, CALENDAR, None
        self.collapsed: set[str] = set()
        self.selected: frozenset[int] = frozenset()
        self.preview = self.link_preview = None
        self.hover_row: int | None = None  # its float line is drawn (see set_float_for_all)
        self.chart_font = gantt_font()
        self.scale: TimeScale | None = None
        self.layout: GanttLayout | None = None
        self.data = None
        self.header_height = paint.header_height(1)
        self._names_cache: dict = {}
        self._dirty = True
        self._outline = self._shut = None  # the plan outline and folded rows the rows were built from
        self._group_of: dict[int, str] = {}  # task id -> its group row's key
        self.timeline = TimelineArea(self)
        self.names = NamesPane(self)
        self._build_ui()
        self.timeline.verticalScrollBar().valueChanged.connect(self._on_scroll_value_changed)
        self.timeline.zoom_requested.connect(self._on_timeline_zoom_requested)
        controller.changed.connect(self._on_controller_changed)
        controller.document_replaced.connect(self._on_controller_document_replaced)
        controller.outline_toggled.connect(self._on_controller_outline_toggled)
        controller.baseline_chosen.connect(self._on_controller_baseline_chosen)
        if controller.project is not None and self.plan().outline.summaries:
            self.group_by = FLAT
            _show_value(self.group_box, FLAT)
        self.rebuild()

    # --- widgets ---------------------------------------------------------------------
    def _build_ui(self) -> None:
        bar = QToolBar(self)
        self.level_box = _combo(bar, [(tr("Day"), "day"), (tr("Week"), "week"), (tr("Month"), "month"),
                                      (tr("Quarter"), "quarter")], self.set_level)
        bar.addAction(tr("Zoom in"), lambda: self.zoom_by(1.5))
        bar.addAction(tr("Zoom out"), lambda: self.zoom_by(1 / 1.5))
        bar.addAction(tr("Fit"), self.zoom_to_fit)
        bar.addAction(tr("Zoom to selection"), self.zoom_to_selection)
        self.float_action = bar.addAction(tr("Float of all tasks"), self.set_float_for_all)
        self.float_action.setCheckable(True)
        self.float_action.setChecked(settings.gantt_float_for_all())
        self.float_action.setToolTip(tr("Draw the float line of every task; otherwise only of the task under the "
                                        "pointer, the selected ones and critical ones"))
        bar.addSeparator()
        self.mode_box = _combo(bar, [(tr("Calendar dates"), CALENDAR), (tr("Project time"), PROJECT)],
                               self.set_time_mode)
        self.group_box = _combo(bar, [(tr("By stage"), BY_STAGE), (tr("By module"), BY_MODULE),
                                      (tr("Outline"), FLAT)], self.set_group_by)
        self.baseline_box = baseline_box.make(bar, self.controller)
        bar.addWidget(self.baseline_box)
        bar.addSeparator()
        bar.addAction(tr("Export PNG…"), lambda: export.ask_png(self))
        bar.addAction(tr("Export PDF…"), lambda: export.ask_pdf(self))
        bar.addAction(tr("Print…"), self.print_dialog)
        self.toolbar = bar
        for keys, slot in ((QKeySequence.ZoomIn, lambda: self.zoom_by(1.5)),
                           (QKeySequence.ZoomOut, lambda: self.zoom_by(1 / 1.5))):
            QShortcut(keys, self, slot, context=Qt.WidgetWithChildrenShortcut)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self.names)
        split.addWidget(self.timeline)
        split.setStretchFactor(1, 1)
        split.setSizes([paint.names_width(), 900])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(bar)
        box.addWidget(split)
        from ui.gantt.legend import GanttLegend

        self.legend = GanttLegend(self, self)
        box.addWidget(self.legend)
        self.splitter = split

    # --- model -> geometry -----------------------------------------------------------
    def plan(self):
        return self.controller.plan()

    def rebuild(self, keep_rows: bool = False) -> None:
        """Rows, day-space data and layout from the controller's plan and schedule; with
        `keep_rows`, the rows, links and markers of the current data (see `_rows_kept`)."""
        if self.controller.project is None:
            self.layout = self.data = None
            self.repaint_all()
            return
        self.baseline_id = self.controller.compared_baseline_id()  # the one the task matrix compares with too
        with paused():
            if keep_rows:
                self._refill(self.plan())
            else:
                self._rebuild(self.plan())
        self._refresh_baselines(self.plan())
        self._dirty = False
        self._names_cache.clear()  # rows changed
        self._apply_scale(self.scale)
        self.names.update()

    def _rebuild(self, plan) -> None:
        schedule = self.controller.schedule() or dates_only(plan)
        lang = "en" if plan.programme.language.startswith("en") else "zh"
        weeks = plan.programme.week_numbering
        if (self.scale is None or self.scale.origin != plan.programme.start_date or self.scale.lang != lang
                or self.scale.weeks != weeks):
            ppd = self.scale.px_per_day if self.scale else LEVELS["week"]
            self.scale = TimeScale(plan.programme.start_date, ppd, self.mode, lang, weeks)
        labels = {"ungrouped_label": tr("Ungrouped"), "milestones_label": tr("Milestones")}
        shut = frozenset(self.collapsed) | {f"task:{t}" for t in self.controller.collapsed}
        rows = build_rows(plan, self.group_by, shut, **labels)
        self.data = build_data(plan, schedule, rows, baseline_id=self.baseline_id)
        self._outline, self._shut = plan.outline, shut
        self._group_of = {t: r.key for r in rows if r.kind == GROUP for t in r.children}
        self._finish_build(plan, schedule)

    def _refill(self, plan) -> None:
        """The bars of the current rows filled again from the plan and its new schedule."""
        schedule = self.controller.schedule() or dates_only(plan)
        self.data = patch_data(self.data, plan, schedule, baseline_id=self.baseline_id)
        self._finish_build(plan, schedule)

    def _finish_build(self, plan, schedule) -> None:
        # the scheduler's own calendar when it scheduled the plan (the same days; no second read
        # of every task for its span), else the plan's
        self.calendar = schedule.solved[0].calendar if schedule.solved is not None else calendar_for(plan)
        bands = GanttLayout(self.data, self.scale).stage_bands(plan.stages)
        self.header_height = paint.header_height(stage_lanes(bands))

    def _apply_scale(self, scale: TimeScale) -> None:
        self.scale = scale
        self.layout = GanttLayout(self.data, scale)
        self.x_min, self.x_max = self.layout.x_range()
        self.timeline.update_scroll_ranges()
        self._sync_level_box()
        self.timeline.viewport().update()  # the names pane does not change with the time scale

    def repaint_all(self) -> None:
        self.timeline.viewport().update()
        self.names.update()

    def paint_options(self) -> paint.PaintOptions:
        plan = self.plan()
        return paint.PaintOptions(
            calendar=self.calendar, stages=plan.stages, today=plan.programme.status_date or dt.date.today(),
            selected=self.selected, font=self.chart_font, preview=self.preview, link_preview=self.link_preview,
            names_cache=self._names_cache, float_for_all=self.float_action.isChecked(), hover_row=self.hover_row)

    def paint_names_header(self, p: QPainter, width: float) -> None:
        header = self.header_height
        p.fillRect(QRectF(0, 0, width, header), paint.C["header"])
        p.setFont(paint.base_font(self.paint_options()))
        p.setPen(paint.C["text"])
        p.drawText(QRectF(6, 0, width - 8, header - paint.HEADER_ROW), Qt.AlignVCenter | Qt.AlignLeft,
                   self.plan().programme.name)
        x = 4.0
        titles = {"ID": tr("ID"), "name": tr("Name"), "start": tr("Start"), "end": tr("Finish")}
        for key, w in paint.NAME_COLUMNS:
            p.drawText(QRectF(x, header - paint.HEADER_ROW, w, paint.HEADER_ROW), Qt.AlignVCenter, titles[key])
            x += w
        p.setPen(QPen(paint.C["header_line"], 1))
        p.drawLine(QPointF(0, header - 0.5), QPointF(width, header - 0.5))

    # --- zoom and time scale -----------------------------------------------------------
    def set_level(self, level: str) -> None:
        if self.layout is None:
            return
        self._zoom_to_ppd(LEVELS[level], self.timeline.viewport().width() / 2)

    def zoom_by(self, factor: float, anchor: float | None = None) -> None:
        if self.layout is None:
            return
        anchor = self.timeline.viewport().width() / 2 if anchor is None else anchor
        self._zoom_to_ppd(self.scale.px_per_day * factor, anchor)

    def _zoom_to_ppd(self, ppd: float, anchor: float) -> None:
        """Zoom keeping the day under `anchor` (viewport x) in place."""
        day = (self.timeline.x_offset() + anchor) / self.scale.px_per_day
        self._apply_scale(self.scale.with_px_per_day(ppd))
        self.timeline.horizontalScrollBar().setValue(round(day * self.scale.px_per_day - self.x_min - anchor))

    def zoom_to_fit(self) -> None:
        if self.layout is None:
            return
        self._fit_days(*self.data.day_range())

    def zoom_to_selection(self) -> None:
        if self.layout is None:
            return
        spans = [self.data.task_span(self.data.row_of_task[t]) for t in self.selected if t in self.data.row_of_task]
        spans = [s for s in spans if s]
        if spans:
            self._fit_days(min(s[0] for s in spans), max(s[1] for s in spans))

    def _fit_days(self, lo: int, hi: int) -> None:
        width = max(100, self.timeline.viewport().width() - 40)
        self._apply_scale(self.scale.with_px_per_day(width / max(1, hi - lo)))
        self.timeline.horizontalScrollBar().setValue(round(lo * self.scale.px_per_day - self.x_min - 20))

    def _sync_level_box(self) -> None:
        self.level_box.blockSignals(True)
        self.level_box.setCurrentIndex(list(LEVELS).index(self.scale.level))
        self.level_box.blockSignals(False)

    def set_time_mode(self, mode: str) -> None:
        if self.layout is None:
            self.mode = mode
            return
        self.mode = mode
        _show_value(self.mode_box, mode)
        self._apply_scale(TimeScale(self.scale.origin, self.scale.px_per_day, mode, self.scale.lang, self.scale.weeks))

    def set_group_by(self, group_by: str) -> None:
        self.group_by = group_by
        _show_value(self.group_box, group_by)
        self.rebuild()

    def set_baseline(self, baseline_id: int | None) -> None:
        """Draw this baseline's bars (and compare the task matrix's variance columns with it)."""
        self.controller.choose_baseline(baseline_id)

    def _on_controller_baseline_chosen(self, baseline_id: int | None) -> None:
        self.baseline_id = baseline_id
        self._dirty = True
        if self.isVisible():
            self.rebuild()

    def _refresh_baselines(self, _plan) -> None:
        baseline_box.fill(self.baseline_box, self.controller)

    # --- rows and selection ----------------------------------------------------------
    def toggle_group(self, row: int) -> None:
        r = self.data.rows[row]
        if r.summary:  # summary tasks fold in every view
            self.controller.set_collapsed({r.task_id}, not r.collapsed)
            return
        self.collapsed ^= {r.key}
        self.rebuild()

    def _on_controller_outline_toggled(self, _ids) -> None:
        self._dirty = True
        if self.isVisible():
            self.rebuild()

    def select_row_at(self, row: int | None, *, toggle: bool = False) -> None:
        if row is None:
            ids: frozenset[int] = frozenset()
        else:
            r = self.data.rows[row]
            ids = frozenset(r.children) if r.kind == GROUP else frozenset({r.task_id} if r.task_id else ())
        new = self.selected ^ ids if toggle else ids
        if new != self.selected:
            self.selected = new
            self.repaint_all()
            self.selection_changed.emit(sorted(new))

    def select_tasks(self, ids) -> None:
        """Select tasks chosen elsewhere (e.g. the task matrix) and scroll the first into view."""
        self.selected = frozenset(int(i) for i in ids)
        if self._dirty or self.layout is None or self.scale is None:
            return  # rows are built (and the selection scrolled to) when the chart is next shown
        rows = sorted(self.data.row_of_task[t] for t in self.selected if t in self.data.row_of_task)
        if rows:
            self.scroll_to_row(rows[0])
        self.repaint_all()

    def selected_tasks(self) -> list[int]:
        return sorted(self.selected)

    def scroll_to_row(self, row: int) -> None:
        if self._dirty or self.layout is None or self.scale is None or not 0 <= row < len(self.data.rows):
            return
        bar = self.timeline.verticalScrollBar()
        top, body = self.layout.row_top(row), bar.pageStep()
        if not bar.value() <= top <= bar.value() + body - self.layout.row_height:
            bar.setValue(int(top - body / 3))
        span = self.data.task_span(row)
        if span is not None:
            x = span[0] * self.scale.px_per_day - self.x_min
            hbar = self.timeline.horizontalScrollBar()
            if not hbar.value() <= x <= hbar.value() + hbar.pageStep():
                hbar.setValue(int(x - 40))

    def activate_row(self, row: int) -> None:
        r = self.data.rows[row]
        if r.kind == TASK:
            self.open_task_requested.emit(r.task_id)
        elif r.kind == GROUP:
            self.toggle_group(row)

    def set_float_for_all(self, on: bool | None = None) -> None:
        """Float lines for every task (a setting), or only for hovered, selected and critical ones."""
        on = self.float_action.isChecked() if on is None else on
        self.float_action.setChecked(on)
        settings.set_gantt_float_for_all(on)
        self.timeline.viewport().update()

    def set_hover_row(self, row: int | None) -> None:
        if row == self.hover_row:
            return
        old, self.hover_row = self.hover_row, row
        for changed in (old, row):
            if changed is not None and self.layout is not None:
                self.timeline.update_rows(changed, changed)

    def tooltip_at(self, x: float, y: float) -> str:
        return tooltip_for(self, hit_test(self.layout, x, y), x, y)

    # --- gestures --------------------------------------------------------------------
    def show_gesture(self, gesture) -> None:
        if not gesture.started:
            return
        if gesture.is_link:
            bar = self.layout.bar(gesture.row)
            src_x = bar.x0 if gesture.kind == "link_start" else bar.x1
            target = gesture.link_target(self.layout)
            self.link_preview = (QPointF(src_x, bar.mid_y), QPointF(gesture.x, gesture.y), target[1] if target else "")
            self.timeline.viewport().update()
            return
        self.preview = gesture.preview(self.plan(), self.calendar, self.layout)
        self.timeline.update_rows(gesture.row, gesture.row)  # the ghost and its dates stay in its row

    def cancel_gesture(self) -> None:
        self.preview = self.link_preview = None
        self.timeline.viewport().update()

    def finish_gesture(self, gesture) -> None:
        self.preview = self.link_preview = None
        command = gesture.command(self.controller, self.plan(), self.calendar, self.layout)
        if command is not None:
            self.controller.try_push(command)
        self.timeline.viewport().update()

    # --- export ----------------------------------------------------------------------
    def export_png(self, path, **kw) -> None:
        export.write_png(self, path, **kw)

    def export_pdf(self, path, first: dt.date | None = None, last: dt.date | None = None) -> int:
        return export.write_pdf(self, path, first=first, last=last)

    def print_dialog(self) -> None:
        export.print_dialog(self)

    # --- slots -----------------------------------------------------------------------
    def _on_scroll_value_changed(self, _value: int) -> None:
        self.names.update()

    def _on_timeline_zoom_requested(self, factor: float, anchor: float) -> None:
        self.zoom_by(factor, anchor)

    def _on_controller_changed(self, changes) -> None:
        if changes.areas & _REBUILD:
            current = not self._dirty and self.data is not None  # built from the plan before this edit
            self._dirty = True
            if self.isVisible():
                self.rebuild(keep_rows=current and self._rows_kept(changes))

    def _rows_kept(self, changes) -> bool:
        """Whether an edit leaves the rows, the links and the markers as they were: it changed task
        rows alone (a bar dragged, a date or progress typed; the scheduler's moves are task rows
        too), the outline is the same (`outline_of` keeps it while no id, parent or order
        changed), and no changed task got another name, ID or group. Then `_refill` fills the
        bars again and nothing else; any other edit rebuilds everything."""
        from planner.model import Task
        from planner.services.journal import Patch

        undo = changes.undo
        if changes.areas & _REBUILD & ~_PATCHED or not isinstance(undo, Patch) or not undo.entries:
            return False
        if any(table is not Task for table, _id, _before in undo.entries):
            return False
        plan = self.plan()
        shut = frozenset(self.collapsed) | {f"task:{t}" for t in self.controller.collapsed}
        if (plan.outline is not self._outline or shut != self._shut
                or self.controller.compared_baseline_id() != self.baseline_id):
            return False
        data, by_id = self.data, plan.task_by_id
        if self.group_by != FLAT:
            attr = "stage_id" if self.group_by == BY_STAGE else "module_id"
            owners = {o.id for o in (plan.stages if self.group_by == BY_STAGE else plan.modules)}
        for _table, task_id, _before in undo.entries:
            task = by_id.get(task_id)
            if task is None:
                return False
            row = data.row_of_task.get(task_id)
            if row is not None and (data.rows[row].label != task.name or data.rows[row].code != task.code):
                return False
            if self.group_by != FLAT:
                owner = getattr(task, attr)
                if self._group_of.get(task_id) != f"{self.group_by}:{owner if owner in owners else 'none'}":
                    return False
        return True

    def _on_controller_document_replaced(self) -> None:
        self.scale, self.collapsed, self.selected, self.baseline_id = None, set(), frozenset(), None
        self.layout = self.data = None  # the old plan's rows must not be scrolled to before a rebuild
        if self.controller.project is not None:  # a work breakdown reads best as its own outline
            self.group_by = FLAT if self.plan().outline.summaries else BY_STAGE
            _show_value(self.group_box, self.group_by)
        self._dirty = True
        if self.isVisible() and self.controller.project is not None:
            self.rebuild()

    def showEvent(self, event):
        super().showEvent(event)
        if not getattr(self, "_split_sized", False):  # a narrow window keeps most of its width for the timeline
            self._split_sized = True
            names = min(paint.names_width(), int(self.width() * 0.4))
            self.splitter.setSizes([names, max(1, self.width() - names)])
        if self._dirty:
            self.rebuild()


def _show_value(box: QComboBox, value) -> None:
    """Show `value` in a combo box without re-triggering its slot."""
    box.blockSignals(True)
    box.setCurrentIndex(max(0, box.findData(value)))
    box.blockSignals(False)


def _combo(bar: QToolBar, items, slot) -> QComboBox:
    box = QComboBox(bar)
    for label, value in items:
        box.addItem(label, value)
    box.currentIndexChanged.connect(lambda i: slot(box.itemData(i)))
    bar.addWidget(box)
    return box
