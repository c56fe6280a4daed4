"""The roadmap adapter: one row per stage x module cell, laid out as the FlagOS indicator table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt

from planner import model as m
from planner.changes import Area
from planner.errors import ParseError
from planner.services import structure
from planner.services.stage_span import set_stage_span
from planner.stages import parse_stage_span, stage_dates_text, stage_span_text
from ui import theme
from ui.commands import JournalCommand
from ui.indicator_status import latest_status
from ui.plan_text import format_percent
from ui.table_model import Column, PlanTableModel

CELL_FIELDS = ("scope", "actions", "acceptance", "evaluation_method", "data_source")


def tr(text: str) -> str:
    return QCoreApplication.translate("Roadmap", text)


@dataclass(frozen=True)
class CellRow:
    stage: m.Stage
    module: m.Module
    first_of_stage: bool
    modules_in_stage: int


def _cell_setter(key: str, label: str):
    def setter(model, row: CellRow, value):
        value = str(value).strip()
        cell = model.plan.cell(row.stage.id, row.module.id)
        if (getattr(cell, key) if cell else "") == value:
            return None
        text = tr("Edit %1 of %2 / %3").replace("%1", QCoreApplication.translate("Column", label)) \
            .replace("%2", row.stage.name).replace("%3", row.module.name)
        return JournalCommand(model.controller, text, structure.set_cell, row.stage.id, row.module.id, **{key: value})
    return setter


def _stage_name(model, row, value):
    name = str(value).strip()
    if not name or name == row.stage.name:
        return None
    return JournalCommand(model.controller, tr("Rename stage %1").replace("%1", row.stage.name),
                          structure.update_stage, row.stage.id, name=name)


def _span_text(model, row) -> str:
    return stage_span_text(row.stage, model.plan.programme.start_date)


def _check_span(model, row, text: str) -> dict:
    return parse_stage_span(text, model.plan.programme.start_date)


def _stage_span(model, row, value):
    text = str(value).strip()
    fields = _check_span(model, row, text)  # a refusal keeps the editor open with the reason
    if all(getattr(row.stage, k) == v for k, v in fields.items()):
        return None
    return JournalCommand(model.controller, tr("Change the span of %1").replace("%1", row.stage.name),
                          set_stage_span, row.stage.id, text)


def _module_name(model, row, value):
    name = str(value).strip()
    if not name or name == row.module.name:
        return None
    return JournalCommand(model.controller, tr("Rename module %1").replace("%1", row.module.name),
                          structure.update_module, row.module.id, name=name)


def _module_prefix(model, row, value):
    """The module's task-ID prefix (TP, EC): new tasks of the module are numbered TP-01, TP-02 ..."""
    prefix = str(value).strip().upper().rstrip("-")
    if prefix == (row.module.prefix or ""):
        return None
    if prefix and not re.fullmatch(r"[A-Z][A-Z0-9]{0,7}", prefix):
        raise ParseError(tr("A task-ID prefix is letters and digits, starting with a letter (TP, EC, BM2): %1").replace(
            "%1", prefix), where=row.module.name)
    return JournalCommand(model.controller, tr("Set the task-ID prefix of %1").replace("%1", row.module.name),
                          structure.update_module, row.module.id, prefix=prefix)


def _cell_text(key):
    def get(model, row):
        cell = model.plan.cell(row.stage.id, row.module.id)
        return getattr(cell, key) if cell else ""
    return get


def _cell_column(key: str, label: str, width: int) -> Column:
    return Column(key, label, width, get=_cell_text(key), set=_cell_setter(key, label), kind="multiline")


COLUMNS = [
    Column("stage", QT_TRANSLATE_NOOP("Column", "Stage"), 90, get=lambda mo, r: r.stage.name, set=_stage_name),
    Column("span", QT_TRANSLATE_NOOP("Column", "Time span"), 80, get=_span_text, set=_stage_span, check=_check_span,
           tip=QT_TRANSLATE_NOOP("Column", "Months from the programme start (0-6 months), weeks (W1-W8) or dates")),
    Column("module", QT_TRANSLATE_NOOP("Column", "Module"), 70, get=lambda mo, r: r.module.name, set=_module_name),
    _cell_column("scope", QT_TRANSLATE_NOOP("Column", "Scope"), 180),
    _cell_column("actions", QT_TRANSLATE_NOOP("Column", "Actions"), 220),
    _cell_column("acceptance", QT_TRANSLATE_NOOP("Column", "Acceptance indicators"), 220),
    Column("indicators", QT_TRANSLATE_NOOP("Column", "Indicator status"), 200, get=lambda mo, r: mo.indicator_text(r),
           tip=QT_TRANSLATE_NOOP("Column", "Achievement at the latest reading: green on target, amber within 10%, red below")),
    _cell_column("evaluation_method", QT_TRANSLATE_NOOP("Column", "Evaluation method"), 180),
    _cell_column("data_source", QT_TRANSLATE_NOOP("Column", "Data source"), 180),
    Column("prefix", QT_TRANSLATE_NOOP("Column", "Task-ID prefix"), 60, get=lambda mo, r: r.module.prefix or "",
           set=_module_prefix, tip=QT_TRANSLATE_NOOP("Column", "The module's task IDs start with it: TP gives TP-01, TP-02 ...")),
]


class RoadmapModel(PlanTableModel):
    areas = Area.STAGES | Area.MODULES | Area.ROADMAP | Area.INDICATORS | Area.READINGS
    columns = COLUMNS

    def collect(self, plan) -> list[CellRow]:
        rows = []
        for stage in plan.stages:
            for number, module in enumerate(plan.modules):
                rows.append(CellRow(stage, module, number == 0, len(plan.modules)))
        return rows

    def row_key(self, row: CellRow):
        return (row.stage.id, row.module.id)

    def prepare(self) -> None:
        plan = self.plan
        self._indicators: dict[tuple, list] = {}
        for indicator in plan.indicators:
            status = latest_status(plan, indicator)
            self._indicators.setdefault((indicator.stage_id, indicator.module_id), []).append((indicator, status))

    def indicators_of(self, row: CellRow) -> list:
        return self._indicators.get((row.stage.id, row.module.id), [])

    def indicator_text(self, row: CellRow) -> str:
        return "\n".join("● " + ind.name + " " + (format_percent(st.rate) or tr("no data")) for ind, st in self.indicators_of(row))

    def worst_level(self, row: CellRow) -> str | None:
        levels = [st.level for _, st in self.indicators_of(row)]
        for name in ("bad", "warn", "ok", "none"):
            if name in levels:
                return name
        return None

    def decorate(self, row, column, role):
        if column.key == "indicators" and role == Qt.ItemDataRole.BackgroundRole:
            worst = self.worst_level(row)
            return theme.status_colour(worst) if worst else None
        if column.key in ("stage", "span") and role == Qt.ItemDataRole.BackgroundRole:
            return theme.status_colour("header")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "stage":
                return row.stage.label or row.stage.name
            if column.key == "span":
                dates = stage_dates_text(row.stage, self.plan.programme.start_date)
                hint = QCoreApplication.translate("Column", column.tip)
                return f"{dates}\n{hint}" if dates else hint
            if column.tip:
                return QCoreApplication.translate("Column", column.tip)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return super().data(index, role)
