"""What a reader of another format hands to the import preview: records, problems, replace scopes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from planner.errors import ProblemList
from planner.excel.records import Record, Records
from planner.i18n import N_


@dataclass
class Reading:
    file: str
    records: Records = field(default_factory=Records)
    problems: ProblemList = field(default_factory=ProblemList)
    replace_scopes: set[tuple] = field(default_factory=set)
    ours: bool = False  # written by Roadmap Planner (its extended attributes are there)

    def put(self, table: type, values: dict[str, Any], origin: str = "", auto: set[str] | None = None) -> Record:
        record = Record(table, values, origin or self.file, auto or set())
        return self.records.put(record) or record

    def error(self, message: str, place: str = "", value: Any = "") -> None:
        self.problems.error(message, sheet=self.file, column=place, value="" if value is None else str(value))

    def warning(self, message: str, place: str = "", value: Any = "") -> None:
        self.problems.warning(message, sheet=self.file, column=place, value="" if value is None else str(value))


def typed(table: type, data: dict[str, Any]) -> dict[str, Any]:
    """JSON values back to the model's types (ISO dates to dates); unknown keys dropped."""
    out = {}
    columns = {c.name: c for c in table.__table__.columns}
    for key, value in data.items():
        column = columns.get(key)
        if column is None or key == "id":
            continue
        if value is not None and column.type.python_type is dt.date and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                continue
        out[key] = value
    return out


# MS Project's names of the fields a problem can be about, as its Chinese edition shows them.
_FIELDS = {"Start": N_("Start"), "Finish": N_("Finish"), "Duration": N_("Duration"), "Units": N_("Units"),
           "PredecessorLink": N_("Predecessors"), "LinkLag": N_("Lag"), "ActualStart": N_("Actual Start"),
           "ActualFinish": N_("Actual Finish"), "Baseline": N_("Baseline"), "ConstraintDate": N_("Constraint Date"),
           "StartDate": N_("Project Start"), "StatusDate": N_("Status Date"), "TimePeriod": N_("Exception dates")}


def place(where: str, element: str) -> str:
    """"Task 12 “Design”, Duration" in the user's language (the task, then MS Project's field)."""
    from planner.i18n import _

    label = _(_FIELDS[element]) if element in _FIELDS else element
    return _("{where}, {field}", where=where, field=label) if where else label
