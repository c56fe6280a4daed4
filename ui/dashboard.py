"""Dashboard view: every chart live (redrawn when the plan changes), each exportable."""

from __future__ import annotations

import logging
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
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


def tr(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def _window_lang() -> str:
    """The charts' language code ("zh", "en") of the window's language."""
    from ui.i18n import current_language

    return "en" if current_language() == "en" else "zh"


class ChartPane(QWidget):
    """One chart kind: a scrollable canvas, rebuilt from the plan when it is stale and shown."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.result: ChartResult | None = None
        self.stale = True
        self.canvas: FigureCanvasQTAgg | None = None
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setObjectName(f"chart_scroll_{kind}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

    def show_result(self, result: ChartResult) -> None:
        """Show a new result; a figure the builder redrew in place keeps its canvas and renderer.

        A new figure gets a new canvas, whose minimum size keeps tall charts readable (scroll).
        """
        self.result = result
        self.stale = False
        if self.canvas is not None and self.canvas.figure is result.figure:
            self.canvas.draw_idle()
            return
        self.canvas = FigureCanvasQTAgg(result.figure)
        width, height = result.figure.get_size_inches() * result.figure.dpi
        self.canvas.setMinimumSize(int(min(width, 640)), int(height * 0.9))
        # Labels keep their room in inches when the window shows the chart narrower than built.
        self.canvas.mpl_connect("resize_event", lambda _event, figure=result.figure: keep_margins(figure))
        # The scroll area deletes the previous canvas; its figure is left to the garbage collector
        # (`Figure.clear()` would rebuild every tick of every axes first: 50 ms for 12 panels).
        self.scroll.setWidget(self.canvas)
        self.canvas.draw_idle()

    def figure(self):
        """The figure on screen, for a builder to redraw into, or None."""
        return self.canvas.figure if self.canvas is not None else None


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
        pane = self.panes[kind]
        if self.controller.project is None:
            return
        try:
            result = build_chart(kind, self.controller.plan(), self.controller.schedule(), lang=self.lang(),
                                 figure=pane.figure())
        except PlannerError as exc:
            self.message.setText(str(exc))
            return
        self.message.clear()
        pane.show_result(result)

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
