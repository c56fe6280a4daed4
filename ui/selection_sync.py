"""One task selection shared by the task matrix and the Gantt view, and Gantt double-clicks opening a task."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer


class SelectionSync(QObject):
    """Keeps the task matrix and the Gantt view showing the same selected tasks.

    Views are built lazily, so each is attached when it first exists and is handed the current
    selection then. The Gantt's `select_tasks` does not emit; the matrix does, so a guard stops
    a selection applied to it from bouncing back. Switching to a tab scrolls the shared
    selection into view there (the two views are tabs, never side by side).
    """

    def __init__(self, views, controller, parent=None):
        super().__init__(parent)
        self.views = views
        self.ids: list[int] = []
        self.matrix = self.gantt = None
        self._applying = False
        views.tabs.currentChanged.connect(self._on_tabs_current_changed)
        # Connected before any view's model, so ids of the old plan are gone before views reset.
        controller.document_replaced.connect(self._on_controller_document_replaced)

    def _on_controller_document_replaced(self) -> None:
        self.ids = []  # ids of another plan: they may name different tasks in this one
        if self.matrix is not None:
            self._apply_to_matrix(scroll=False)  # its model would keep rows whose ids match

    def view_built(self, key: str, view) -> None:
        if key == "tasks":
            self.matrix = view
            view.table.selectionModel().selectionChanged.connect(self._on_matrix_selection_changed)
            view.model.modelReset.connect(self._on_matrix_model_reset)
            self._apply_to_matrix()
        elif key == "gantt":
            self.gantt = view
            view.selection_changed.connect(self._on_gantt_selection_changed)
            view.open_task_requested.connect(self._on_gantt_open_task_requested)
            view.select_tasks(self.ids)
        elif key == "headcount":  # a task behind a head-count bar, opened in the matrix
            view.open_task_requested.connect(self._on_gantt_open_task_requested)

    # --- matrix -> Gantt ---------------------------------------------------------------
    def _on_matrix_selection_changed(self, *_args) -> None:
        if self._applying:
            return
        self.ids = self.matrix.selected_task_ids()
        if self.gantt is not None:
            self.gantt.select_tasks(self.ids)

    def _on_matrix_model_reset(self) -> None:
        """A filter or reload cleared the matrix selection: show the shared one again where visible."""
        self._apply_to_matrix(scroll=False)

    # --- Gantt -> matrix ---------------------------------------------------------------
    def _on_gantt_selection_changed(self, ids: list) -> None:
        self.ids = [int(i) for i in ids]
        self._apply_to_matrix(scroll=False)

    def _on_gantt_open_task_requested(self, task_id: int) -> None:
        """Double-click on a bar: the task matrix comes to the front with that task open for editing."""
        self.ids = [task_id]
        matrix = self.views.show("tasks")
        self._applying = True
        try:
            matrix.open_task(task_id)
        finally:
            self._applying = False
        if self.gantt is not None:
            self.gantt.select_tasks(self.ids)

    def _apply_to_matrix(self, scroll: bool = True) -> None:
        if self.matrix is None:
            return
        self._applying = True
        try:
            self.matrix.select_task_ids(self.ids, scroll=scroll)
        finally:
            self._applying = False

    # --- tab switches ------------------------------------------------------------------
    def _on_tabs_current_changed(self, _index: int) -> None:
        # After the page is shown: a hidden Gantt rebuilds its rows in its showEvent.
        QTimer.singleShot(0, self._bring_selection_into_view)

    def _bring_selection_into_view(self) -> None:
        page = self.views.tabs.currentWidget()
        key = getattr(page, "key", None)
        if not self.ids:
            return
        if key == "gantt" and self.gantt is not None:
            self.gantt.select_tasks(self.ids)  # scrolls the first selected bar into view
        elif key == "tasks" and self.matrix is not None:
            self._apply_to_matrix(scroll=True)
