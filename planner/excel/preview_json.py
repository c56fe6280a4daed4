"""Conflicts with newer plan data, and the preview as plain JSON (`planner import --json`).

A conflict is a change that would overwrite a reading the plan holds with an older one: the
plan's test date (测试时间) is later than the workbook's. Each is a decision the caller passes
back (`ImportOptions.conflicts`: key -> "overwrite" or "keep", or `conflict_default`); one left
undecided is an error, so nothing newer is lost silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from planner import model as m
from planner.excel.records import LABEL, PlanIndex
from planner.i18n import _


@dataclass
class Conflict:
    key: str  # stable text key, passed back with the decision
    table: type
    record_key: tuple
    origin: str
    plan_value: Any
    file_value: Any
    plan_date: dt.date | None
    file_date: dt.date | None
    decision: str = ""  # "" undecided | overwrite | keep

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "table": LABEL[self.table], "origin": self.origin,
                "plan": {"value": self.plan_value, "date": _iso(self.plan_date)},
                "file": {"value": self.file_value, "date": _iso(self.file_date)}, "decision": self.decision}


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _key_text(key) -> str:
    return "/".join(_key_text(k) if isinstance(k, tuple) else str(k) for k in key)


def find_conflicts(preview, index: PlanIndex, options) -> list[Conflict]:
    """Readings the workbook would overwrite with older figures; decided ones applied to the preview."""
    out: list[Conflict] = []
    keep: list[tuple] = []
    for change in preview.changes:
        if change.table is not m.Reading or change.action != "change":
            continue
        old = index.rows[m.Reading].get(change.key)
        new = preview.records.get(m.Reading, change.key)
        if old is None or new is None or old.test_date is None:
            continue
        new_date = new.values.get("test_date")
        if new_date is not None and new_date >= old.test_date:
            continue
        key = f"reading:{_key_text(change.key)}"
        decision = options.conflicts.get(key) or options.conflict_default
        c = Conflict(key, m.Reading, change.key, change.origin, old.cumulative_value,
                     new.values.get("cumulative_value"), old.test_date, new_date, decision)
        out.append(c)
        if decision == "keep":
            keep.append(change.key)
        elif decision != "overwrite":
            preview.problems.add("error", _("the plan has a newer reading ({plan_date}) than the workbook ({file_date})",
                                            plan_date=_iso(old.test_date), file_date=_iso(new_date) or "-"),
                                 sheet=change.origin, value=_key_text(change.key), code="conflict_newer",
                                 fix=_("choose to overwrite or keep the plan's figure (--conflicts overwrite|keep)"))
    if keep:
        for k in keep:
            preview.records.of(m.Reading).pop(k, None)
        preview.changes = [c for c in preview.changes if not (c.table is m.Reading and c.key in keep)]
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, tuple):
        return "/".join(str(_plain(x)) for x in v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def preview_json(preview) -> dict[str, Any]:
    """Tables found (sheet, header row, column map), each row's target and values, every problem."""
    rows = []
    for table, recs in preview.records.by_table.items():
        for key, record in recs.items():
            rows.append({"table": LABEL[table], "key": _key_text(key), "origin": record.origin,
                         "values": {k: _plain(v) for k, v in record.values.items()}})
    actions = {(c.table, c.key): c.action for c in preview.changes}
    for row, (table, key) in zip(rows, ((t, k) for t, recs in preview.records.by_table.items() for k in recs)):
        row["action"] = actions.get((table, key), "unchanged")
    return {
        "files": preview.files,
        "ok": preview.ok,
        "counts": preview.counts(),
        "start": _iso(preview.earliest),
        "sheets": [r.to_json() for r in preview.sheets],
        "rows": rows,
        "removals": [{"table": LABEL[t], "key": _key_text(k)} for t, k in preview.removals],
        "conflicts": [c.to_json() for c in preview.conflicts],
        "problems": [{"level": p.level, "code": p.code or "", "sheet": p.sheet, "row": p.row, "column": p.column,
                      "value": p.value, "message": p.message, "fix": p.fix} for p in preview.problems.items],
    }
