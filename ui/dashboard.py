"""Dashboard view: every chart live (redrawn when the plan changes), each exportable.

Charts are built and drawn on one worker thread, never on the GUI thread: a pane shows a
placeholder with a busy bar at once, then the image the worker rendered at the pane's size.
Only the worker ever touches a figure (matplotlib is not thread-safe), so a redraw in place
into the figure on screen is safe; a result that an edit overtook is dropped.
"""

from __future__ import annotations

import gc
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from weakref import WeakKeyDictionary

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.changes import Area
from planner.charts import CHART_KINDS, build_chart
from planner.charts.common import ChartResult, keep_margins
from planner.charts.export import export_figure
from planner.charts.labels import text as chart_text
from planner.errors import PlannerError
from ui.messages import user_message

log = logging.getLogger(__name__)

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts")  # one: figures are not thread-safe
_figure_lock = threading.Lock()
_native_size: WeakKeyDictionary = WeakKeyDictionary()  # figure -> the size its builder chose (inches)


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def render_chart(kind: str, plan, schedule, lang: str, figure, size: QSize) -> tuple[ChartResult, QImage]:
    """Worker side: build (or redraw into `figure`) and rasterise at the pane's size."""
    with _figure_lock:
        result = build_chart(kind, plan, schedule, lang=lang, figure=figure)
        image = rasterise(result, size)
    _keep_out_of_collections()
    return result, image


def _keep_out_of_collections() -> None:
    """The figure just drawn stays as long as its pane: keep it out of the full garbage collections.

    A full collection walks every object not frozen and holds the GIL (so the GUI thread) while it
    does: with the figures of a few charts that was 70-170 ms, the longest GUI freeze left while
    the dashboard drew. The young generations are collected first, so little garbage is frozen;
    the controller unfreezes everything when it next reloads the plan (ui/controller.py).
    """
    gc.collect(1)
    gc.freeze()


def rasterise(result: ChartResult, size: QSize) -> QImage:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = result.figure
    if figure not in _native_size:  # a figure redrawn in place keeps the size it was shown at
        _native_size[figure] = tuple(figure.get_size_inches())
    _native_w, native_h = _native_size[figure]
    dpi = figure.dpi
    width = max(480.0, float(size.width()))
    height = max(native_h * dpi * 0.9, float(size.height()))
    figure.set_size_inches(width / dpi, height / dpi)
    keep_margins(figure)  # labels keep their room in inches when the pane is narrower than built
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    image = QImage(bytes(buffer), buffer.shape[1], buffer.shape[0], QImage.Format.Format_RGBA8888)
    return image.copy()


def _deliver(relay, payload) -> None:
    """From the worker: hand the job to the GUI thread, unless the view has gone meanwhile (app closing)."""
    try:
        relay.done.emit(payload)
    except RuntimeError:  # the relay's C++ object was deleted with its view
        pass


class _Relay(QObject):
    """Carries a finished job from the worker thread to the GUI thread (a queued signal)."""

    done = Signal(object)

def _window_lang() -> str:
    """The charts' language code ("zh", "en") of the window's language."""
    from ui.i18n import current_language

    return "en" if current_language() == "en" else "zh"


class ChartPane(QWidget):
    """One chart kind: a placeholder while the worker draws, then the chart image (scrollable)."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.result: ChartResult | None = None
        self.stale = True
        self.busy = False
        self.generation = 0  # bumped by every change: a result of an older generation is dropped
        self.rendered_width = 0
        self.placeholder = QWidget(self)
        self.placeholder.setObjectName(f"chart_placeholder_{kind}")
        self.progress_label = QLabel(tr("Drawing the chart…"), self.placeholder)
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(self.placeholder)
        self.progress.setRange(0, 0)  # busy: the worker gives no steps
        self.progress.setMaximumWidth(320)
        box = QVBoxLayout(self.placeholder)
        box.addStretch(1)
        box.addWidget(self.progress_label)
        box.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.canvas = QLabel()  # the widget that shows the chart image
        self.canvas.setObjectName(f"chart_{kind}")
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(False)
        self.scroll.setObjectName(f"chart_scroll_{kind}")
        self.scroll.setWidget(self.canvas)
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll)
        self.resize_timer = QTimer(self)
        self.resize_timer.setSingleShot(True)
        self.resize_timer.setInterval(200)

    def target_size(self) -> QSize:
        """The pane's room less a vertical scroll bar (the same whether the placeholder or the chart shows)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(max(480, self.width() - bar - 6), max(300, self.height() - 6))

    def show_busy(self) -> None:
        if self.result is None:
            self.stack.setCurrentIndex(0)
        self.progress_label.setText(tr("Drawing the chart…"))

    def show_result(self, result: ChartResult, image: QImage) -> None:
        self.result = result
        self.canvas.setPixmap(QPixmap.fromImage(image))
        self.canvas.resize(image.size())
        self.canvas.setMinimumSize(image.size())
        self.rendered_width = image.width()
        self.stack.setCurrentIndex(1)

    def figure(self):
        """The figure last drawn, for the worker to redraw into, or None."""
        return self.result.figure if self.result is not None else None

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.result is not None and abs(self.target_size().width() - self.rendered_width) > 24:
            self.resize_timer.start()  # redraw at the new width once the user stops dragging


class DashboardView(QWidget):
    """Tabs of charts; only the visible one is redrawn after an edit, the others when shown."""

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.panes: dict[str, ChartPane] = {}
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)  # coalesce the signals of one gesture into one redraw
        self._redraw_timer.timeout.connect(self.redraw_current)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_job_done)
        self._queued: dict[str, tuple] = {}  # kind -> the job waiting for the busy pane
        self._build()
        controller.changed.connect(self._on_controller_changed)
        controller.document_replaced.connect(self._on_controller_document_replaced)

    def _build(self) -> None:
        self.language = QComboBox(self)
        self.language.setObjectName("dashboard_language")
        self.language.addItem(tr("Window's language"), "window")  # one language in the window by default
        self.language.addItem(tr("Plan's language"), "")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(self._on_language_currentIndexChanged)
        self.export_button = QPushButton(tr("Export chart…"), self)
        self.export_button.setObjectName("dashboard_export")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #c62828")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Chart language:"), self))
        bar.addWidget(self.language)
        bar.addStretch(1)
        bar.addWidget(self.message)
        bar.addWidget(self.export_button)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dashboard_tabs")
        for kind, spec in CHART_KINDS.items():
            pane = ChartPane(kind, self)
            pane.resize_timer.timeout.connect(lambda k=kind: self._resize_chart(k))
            self.panes[kind] = pane
            self.tabs.addTab(pane, chart_text(spec.title_key, _window_lang()))
        self.tabs.currentChanged.connect(self._on_tabs_currentChanged)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs)

    # --- state -----------------------------------------------------------------------------
    def lang(self) -> str:
        chosen = self.language.currentData() if hasattr(self, "language") else "window"
        if chosen == "window":
            return _window_lang()
        if chosen:
            return chosen
        project = getattr(self.controller, "project", None)
        return self.controller.plan().programme.language if project is not None else "zh"

    def current_kind(self) -> str:
        return list(self.panes)[self.tabs.currentIndex()]

    def result(self, kind: str) -> ChartResult | None:
        return self.panes[kind].result

    # --- drawing ---------------------------------------------------------------------------
    def redraw_current(self) -> None:
        self.redraw(self.current_kind())

    def redraw(self, kind: str) -> None:
        """Build and draw `kind` on the worker; the pane shows a busy placeholder meanwhile."""
        pane = self.panes[kind]
        if self.controller.project is None:
            return
        pane.stale = False
        if pane.busy:  # one job per pane at a time; the latest request runs when it is back
            self._queued[kind] = ("build",)
            return
        pane.busy = True
        pane.show_busy()
        generation = pane.generation
        try:
            plan, schedule = self.controller.plan(), self.controller.schedule()
        except PlannerError as exc:
            pane.busy = False
            self.message.setText(user_message(exc))
            return
        future = _worker.submit(render_chart, kind, plan, schedule, self.lang(), pane.figure(), pane.target_size())
        future.add_done_callback(lambda f, k=kind, g=generation: _deliver(self._relay, (k, g, f)))

    def _resize_chart(self, kind: str) -> None:
        pane = self.panes[kind]
        if pane.result is None:
            return
        if pane.busy:
            self._queued.setdefault(kind, ("resize",))
            return
        pane.busy = True
        result, generation = pane.result, pane.generation

        def job():
            with _figure_lock:
                return result, rasterise(result, pane_size)

        pane_size = pane.target_size()
        future = _worker.submit(job)
        future.add_done_callback(lambda f, k=kind, g=generation: _deliver(self._relay, (k, g, f)))

    def _on_job_done(self, payload) -> None:
        kind, generation, future = payload
        pane = self.panes[kind]
        pane.busy = False
        try:
            result, image = future.result()
        except PlannerError as exc:
            self.message.setText(user_message(exc))
            result = None
        except Exception:  # an edit raced the worker's read of the plan: the newer job redraws
            log.exception("chart %s failed", kind)
            result = None
            pane.stale = True
        if result is not None and generation == pane.generation:
            self.message.clear()
            pane.show_result(result, image)
        elif result is not None:
            pane.stale = True  # overtaken by an edit
        queued = self._queued.pop(kind, None)
        if queued == ("resize",) and not pane.stale:
            self._resize_chart(kind)
        elif (queued is not None or pane.stale) and kind == self.current_kind() and self.isVisible():
            self.redraw(kind)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.panes[self.current_kind()].stale:
            self._redraw_timer.start()

    # --- slots -----------------------------------------------------------------------------
    def _on_controller_changed(self, changes=None) -> None:
        """Only charts that show what changed go stale (a reading does not touch the network)."""
        areas = getattr(changes, "areas", Area.ALL)
        for kind, pane in self.panes.items():
            if CHART_KINDS[kind].areas & areas:
                pane.stale = True
                pane.generation += 1
        if self.isVisible() and self.panes[self.current_kind()].stale:
            self._redraw_timer.start()

    def _on_controller_document_replaced(self) -> None:
        self._on_controller_changed()

    def _on_tabs_currentChanged(self, _index: int) -> None:
        if self.panes[self.current_kind()].stale:
            self._redraw_timer.start()

    def _on_language_currentIndexChanged(self, _index: int) -> None:
        self._on_controller_changed()  # every chart: its labels change
        for index, spec in enumerate(CHART_KINDS.values()):  # the tabs are the window's, in its language
            self.tabs.setTabText(index, chart_text(spec.title_key, _window_lang()))

    def _on_export_button_clicked(self) -> None:
        kind = self.current_kind()
        name = f"{self.controller.plan().programme.name}-{kind}.png"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export chart"), name,
                                              tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"))
        if path:
            self.export(kind, Path(path))

    def export(self, kind: str, path: Path) -> Path | None:
        """Write the chart as PNG/SVG/PDF (by suffix); errors are shown, never half-written.

        A fresh figure is built: the displayed one has been resized to the window.
        """
        try:
            result = build_chart(kind, self.controller.plan(), self.controller.schedule(), lang=self.lang())
            return export_figure(result.figure, path)
        except PlannerError as exc:
            QMessageBox.warning(self, tr("Export chart"), user_message(exc))
            return None
