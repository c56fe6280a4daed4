"""OKRs: objectives -> key results -> linked indicators and tasks, progress rolled up, kind mix."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QInputDialog, QLabel, QStyledItemDelegate, QToolBar, QTreeView, QVBoxLayout, QWidget,
)

from planner import model as m
from planner.changes import Area
from planner.errors import PlannerError
from planner.services import okr
from ui.commands import JournalCommand
from ui.hidden_refresh import HiddenRefresh
from ui.indicator_status import latest_status
from ui.messages import user_message
from ui.plan_text import format_percent, parse_percent

HEADERS = (QT_TRANSLATE_NOOP("Column", "Objective / key result / link"), QT_TRANSLATE_NOOP("Column", "Kind / target"),
           QT_TRANSLATE_NOOP("Column", "Progress"))
KIND_LABELS = {m.ObjectiveKind.delivery.value: QT_TRANSLATE_NOOP("Okr", "Delivery"),
               m.ObjectiveKind.exploration.value: QT_TRANSLATE_NOOP("Okr", "Exploration")}


PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 10


def tr(text: str) -> str:
    return QCoreApplication.translate("Okr", text)


class ProgressDelegate(QStyledItemDelegate):
    """Draws rolled-up progress as a bar with its figure beside it (progress is not a status)."""

    def paint(self, painter, option, index):
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        share = max(0.0, min(1.0, value))
        text_width = option.fontMetrics.horizontalAdvance("100%") + 8
        frame = option.rect.adjusted(3, 4, -text_width - 3, -4)
        palette = option.palette
        painter.save()
        painter.setPen(palette.mid().color())
        painter.setBrush(palette.base())
        painter.drawRect(frame)
        painter.fillRect(frame.adjusted(1, 1, -frame.width() + 1 + round((frame.width() - 1) * share), 0),
                         palette.highlight())
        painter.setPen(palette.text().color())
        text_rect = option.rect.adjusted(option.rect.width() - text_width, 0, 0, 0)
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         format_percent(value))
        painter.restore()


@dataclass
class Node:
    kind: str  # objective | key_result | indicator | task
    obj: object
    parent: int  # node number of the parent, -1 for top level
    row: int
    children: list[int] = field(default_factory=list)
    progress: float | None = None


def rollup(plan) -> list[Node]:
    """The tree as a flat node list with progress computed bottom-up."""
    nodes: list[Node] = []
    krs_of: dict[int, list] = {}
    for kr in plan.key_results:
        krs_of.setdefault(kr.objective_id, []).append(kr)
    links_of: dict[int, list] = {}
    for link in plan.kr_links:
        links_of.setdefault(link.key_result_id, []).append(link)
    top = 0
    for objective in plan.objectives:
        o = len(nodes)
        nodes.append(Node("objective", objective, -1, top))
        top += 1
        for kr in krs_of.get(objective.id, []):
            k = len(nodes)
            nodes[o].children.append(k)
            nodes.append(Node("key_result", kr, o, len(nodes[o].children) - 1))
            for link in links_of.get(kr.id, []):
                node = _link_node(plan, link, k, len(nodes[k].children))
                if node is not None:
                    nodes[k].children.append(len(nodes))
                    nodes.append(node)
            values = [nodes[c].progress for c in nodes[k].children if nodes[c].progress is not None]
            nodes[k].progress = sum(values) / len(values) if values else kr.progress
        values = [nodes[c].progress for c in nodes[o].children if nodes[c].progress is not None]
        nodes[o].progress = sum(values) / len(values) if values else None
    return nodes


def _link_node(plan, link, parent: int, row: int) -> Node | None:
    if link.indicator_id is not None and link.indicator_id in plan.indicator_by_id:
        indicator = plan.indicator_by_id[link.indicator_id]
        rate = latest_status(plan, indicator).rate
        return Node("indicator", indicator, parent, row, progress=None if rate is None else min(max(rate, 0), 1))
    if link.task_id is not None and link.task_id in plan.task_by_id:
        task = plan.task_by_id[link.task_id]
        return Node("task", task, parent, row, progress=task.progress)
    return None


class OkrModel(QAbstractItemModel):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.nodes: list[Node] = []
        self.top: list[int] = []
        self._hidden_refresh: HiddenRefresh | None = None
        controller.changed.connect(self._on_controller_changed)
        controller.document_replaced.connect(self.reload)
        self.reload()

    def refresh_when_shown(self, view) -> None:
        """While `view` is on a hidden tab, edits only mark the tree out of date; showing it reloads."""
        self._hidden_refresh = HiddenRefresh(view, self.reload)

    def reload(self) -> None:
        if self._hidden_refresh is not None:
            self._hidden_refresh.pending = False
        self.beginResetModel()
        self.nodes = rollup(self.controller.plan()) if self.controller.project is not None else []
        self.top = [n for n, node in enumerate(self.nodes) if node.parent == -1]
        self.endResetModel()

    def _on_controller_changed(self, changes) -> None:
        if changes.areas & (Area.OKR | Area.INDICATORS | Area.READINGS | Area.TASKS):
            if self._hidden_refresh is None or not self._hidden_refresh.defer():
                self.reload()

    # --- structure -----------------------------------------------------------------------
    def node(self, index: QModelIndex) -> Node | None:
        return self.nodes[index.internalId()] if index.isValid() else None

    def _children(self, parent: QModelIndex) -> list[int]:
        return self.top if not parent.isValid() else self.nodes[parent.internalId()].children

    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        parent = self.nodes[index.internalId()].parent
        if parent == -1:
            return QModelIndex()
        return self.createIndex(self.nodes[parent].row, 0, parent)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return QCoreApplication.translate("Column", HEADERS[section])
        return None

    # --- data ----------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(node, column, role == Qt.ItemDataRole.EditRole)
        if role == PROGRESS_ROLE and column == 2:
            return node.progress
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(node)
        return None

    def _text(self, node: Node, column: int, editing: bool) -> str:
        obj = node.obj
        if column == 0:
            if node.kind == "objective":
                return obj.title if editing else f"{obj.code} {obj.title}"
            if node.kind == "key_result":
                return obj.title if editing else f"{obj.code} {obj.title}"
            if node.kind == "indicator":
                return tr("Indicator: %1").replace("%1", obj.name)
            return tr("Task: %1").replace("%1", f"{obj.code} {obj.name}")
        if column == 1:
            if node.kind == "objective":
                return QCoreApplication.translate("Okr", KIND_LABELS.get(obj.kind, obj.kind))
            if node.kind == "key_result":
                return obj.target_text
            if node.kind == "indicator":
                return obj.target_text
            return ""
        return format_percent(node.progress)

    def _tip(self, node: Node) -> str:
        if node.kind == "objective":
            return tr("Mean progress of its key results")
        if node.kind == "key_result":
            return tr("Mean progress of its linked indicators and tasks; type a percentage when nothing is linked")
        return ""

    def flags(self, index):
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        read_only = self.controller.project is None or self.controller.project.read_only
        editable = (index.column() == 0 and node.kind in ("objective", "key_result")) or \
                   (index.column() == 1 and node.kind == "key_result") or \
                   (index.column() == 2 and node.kind == "key_result" and not node.children)
        return flags | Qt.ItemFlag.ItemIsEditable if editable and not read_only else flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        try:
            command = self._command(node, index.column(), str(value).strip())
            if command is None:
                return False
            self.controller.push(command)
        except PlannerError as exc:
            self.controller.error.emit(user_message(exc))
            return False
        return True

    def _command(self, node: Node, column: int, value: str):
        obj = node.obj
        key = {0: "title", 1: "target_text", 2: "progress"}[column]
        new = parse_percent(value) if key == "progress" else value
        if getattr(obj, key) == new or (key == "title" and not new):
            return None
        service = okr.update_objective if node.kind == "objective" else okr.update_key_result
        text = tr("Edit %1").replace("%1", f"{obj.code} {obj.title}")
        return JournalCommand(self.controller, text, service, obj.id, **{key: new})


class OkrView(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.model = OkrModel(controller, self)
        self.model.refresh_when_shown(self)  # behind another tab: refreshed when shown
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegateForColumn(2, ProgressDelegate(self.tree))
        self.tree.header().setStretchLastSection(False)
        # The titles take the spare width; the target and progress columns keep theirs.
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mix = QLabel(self)
        self.mix.setWordWrap(True)  # wraps rather than widening a narrow window
        self.mix.setToolTip(tr("The seeds recommend about 7 delivery : 3 exploration objectives"))
        bar = QHBoxLayout()
        bar.addWidget(self.mix, 1)
        commands = QToolBar(self)  # in a narrow window the last commands fold into its » menu
        commands.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for text, tip, slot in ((tr("Add objective"), tr("Add an objective"), self.add_objective),
                                (tr("Add key result"), tr("Add a key result to the current objective"), self.add_key_result),
                                (tr("Toggle kind"), tr("Switch the current objective between delivery and exploration"),
                                 self.toggle_kind),
                                (tr("Link…"), tr("Link an indicator or a task to the current key result"),
                                 self.choose_link),
                                (tr("Unlink"), tr("Remove the selected link from its key result"), self.unlink_current)):
            action = commands.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, s=slot: s())
        bar.addWidget(commands)
        self.empty_hint = QLabel(tr("This plan has no objectives yet. Use “Add objective”, then add key results "
                                    "and link them to indicators and tasks; progress rolls up from the links."), self)
        self.empty_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.tree, 1)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    def _after_reset(self) -> None:
        self.tree.expandAll()
        self.tree.setColumnWidth(1, 240)
        self.tree.setColumnWidth(2, 180)
        objectives = self.controller.plan().objectives if self.controller.project else []
        self.empty_hint.setVisible(not objectives)
        delivery = sum(o.kind == m.ObjectiveKind.delivery.value for o in objectives)
        exploration = len(objectives) - delivery
        delivery_share = round(delivery * 100 / len(objectives)) if objectives else 0
        share = f" ({delivery_share}% : {100 - delivery_share}%)" if objectives else ""  # 67 : 33, not 66 : 33
        self.mix.setText(tr("Mix: %1 delivery : %2 exploration").replace("%1", str(delivery))
                         .replace("%2", str(exploration)) + share + " · " + tr("recommended about 7 : 3"))

    def current_objective(self):
        node = self.model.node(self.tree.currentIndex())
        while node is not None and node.kind != "objective":
            node = self.model.nodes[node.parent] if node.parent >= 0 else None
        return node.obj if node else None

    def current_key_result(self):
        node = self.model.node(self.tree.currentIndex())
        while node is not None and node.kind not in ("key_result", "objective"):
            node = self.model.nodes[node.parent]
        return node.obj if node is not None and node.kind == "key_result" else None

    def link_choices(self) -> list[tuple[str, dict]]:
        """Every indicator and task, labelled as users know them, with the link it would make."""
        plan = self.controller.plan()
        items = [(tr("Indicator: %1").replace("%1", f"{i.code} {i.name}"), {"indicator_id": i.id})
                 for i in plan.indicators]
        items += [(tr("Task: %1").replace("%1", f"{t.code} {t.name}"), {"task_id": t.id}) for t in plan.tasks]
        return items

    def choose_link(self) -> None:
        key_result = self.current_key_result()
        if key_result is None:
            return
        choices = self.link_choices()
        label, ok = QInputDialog.getItem(self, tr("Link"), tr("Link %1 to:").replace("%1", key_result.code),
                                         [c[0] for c in choices], 0, False)
        if ok:
            self.link(key_result, dict(choices)[label])

    def link(self, key_result, target: dict) -> None:
        self.controller.try_push(JournalCommand(
            self.controller, tr("Link to %1").replace("%1", f"{key_result.code} {key_result.title}"),
            okr.link_key_result, key_result.id, **target))

    def unlink_current(self) -> None:
        node = self.model.node(self.tree.currentIndex())
        if node is None or node.kind not in ("indicator", "task"):
            return
        key_result = self.model.nodes[node.parent].obj
        target = {"indicator_id": node.obj.id} if node.kind == "indicator" else {"task_id": node.obj.id}
        self.controller.try_push(JournalCommand(
            self.controller, tr("Unlink from %1").replace("%1", f"{key_result.code} {key_result.title}"),
            okr.unlink_key_result, key_result.id, **target))

    def add_objective(self) -> None:
        codes = {o.code for o in self.controller.plan().objectives}
        number = len(codes) + 1
        while f"O{number}" in codes:
            number += 1
        self.controller.try_push(JournalCommand(self.controller, tr("Add objective O%1").replace("%1", str(number)),
                                                okr.add_objective, f"O{number}", tr("New objective")))

    def add_key_result(self) -> None:
        objective = self.current_objective()
        if objective is None:  # said, not silently ignored
            self.controller.error.emit(tr("Select an objective first: a key result is added to the selected objective."))
            return
        codes = {k.code for k in self.controller.plan().key_results if k.objective_id == objective.id}
        number = len(codes) + 1
        while f"KR{number}" in codes:
            number += 1
        self.controller.try_push(JournalCommand(
            self.controller, tr("Add key result to %1").replace("%1", objective.code),
            okr.add_key_result, objective.id, f"KR{number}", tr("New key result")))

    def toggle_kind(self) -> None:
        objective = self.current_objective()
        if objective is None:
            return
        kind = (m.ObjectiveKind.exploration if objective.kind == m.ObjectiveKind.delivery.value
                else m.ObjectiveKind.delivery).value
        self.controller.try_push(JournalCommand(self.controller, tr("Change the kind of %1").replace("%1", objective.code),
                                                okr.update_objective, objective.id, kind=kind))
